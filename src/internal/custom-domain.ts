import { ApiMapping, DomainName, IHttpApi, IHttpStage, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation, ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AaaaRecord, ARecord, IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

/** The resolved custom domain (see resolve-production-props.ts): at least one of certificate and hostedZone. */
export interface ResolvedCustomDomain {
  readonly domainName: string;
  readonly certificate?: ICertificate;
  readonly hostedZone?: IHostedZone;
}

export interface PlatformCustomDomainProps {
  readonly config: ResolvedCustomDomain;
  readonly api: IHttpApi;
  readonly stage: IHttpStage;
}

/**
 * A regional custom domain for the HTTP API: the certificate (given, or created and validated through the hosted
 * zone), the API Gateway domain name with TLS 1.2, its mapping to the `$default` stage, and with a hosted zone the
 * `A` and `AAAA` alias records (HTTP APIs answer on IPv4 and IPv6).
 */
export class PlatformCustomDomain extends Construct {
  public readonly domainName: DomainName;
  public readonly certificate: ICertificate;
  public readonly mapping: ApiMapping;
  public readonly aRecord?: ARecord;
  public readonly aaaaRecord?: AaaaRecord;
  /** `https://<domainName>/`: the base URL clients use. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: PlatformCustomDomainProps) {
    super(scope, id);
    const { config } = props;
    this.certificate = config.certificate ?? new Certificate(this, 'Certificate', {
      domainName: config.domainName,
      // Resolved props guarantee a hosted zone whenever no certificate was given.
      validation: CertificateValidation.fromDns(config.hostedZone!),
    });
    this.domainName = new DomainName(this, 'DomainName', {
      domainName: config.domainName,
      certificate: this.certificate,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    this.mapping = new ApiMapping(this, 'Mapping', {
      api: props.api,
      domainName: this.domainName,
      stage: props.stage,
    });
    if (config.hostedZone) {
      const target = RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(
        this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId));
      this.aRecord = new ARecord(this, 'AliasA', { zone: config.hostedZone, recordName: config.domainName, target });
      this.aaaaRecord = new AaaaRecord(this, 'AliasAAAA', { zone: config.hostedZone, recordName: config.domainName, target });
    }
    this.url = `https://${config.domainName}/`;
  }
}
