import { Stack, Token } from 'aws-cdk-lib';
import { TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';

/**
 * `TableEncryptionV2.customerManagedKey(key)` for a table with its one replica in the stack's Region.
 *
 * CDK renders each replica's key by comparing the replica's Region with the stack's, so it refuses a stack whose
 * Region is unknown at synth (an environment-agnostic stack, how this construct is meant to be used) even when the
 * only replica is the stack's own. For that single replica the answer is always the table key, so this encryption
 * renders it without the comparison. The table still sees a customer managed key (`table.encryptionKey` is set and
 * grants include the key). Replicas in other Regions need a known stack Region anyway (each needs a key in its
 * Region), and then CDK's own rendering is used unchanged.
 *
 * The override uses CDK's internal method name; if a CDK release renames it, the override is inert and CDK's own
 * check applies again (a clear synth error in environment-agnostic stacks, never a table with the wrong key). The
 * tests assert the rendered key in both kinds of stack.
 */
export function singleRegionCustomerManagedKey(key: IKey, stack: Stack): TableEncryptionV2 {
  const encryption = TableEncryptionV2.customerManagedKey(key);
  if (Token.isUnresolved(stack.region)) {
    Object.defineProperty(encryption, '_renderReplicaSseSpecification', {
      value: () => ({ kmsMasterKeyId: key.keyArn }),
    });
  }
  return encryption;
}
