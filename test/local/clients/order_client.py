"""A client as an app would write one from the shipped openapi.json, with the package openapi-python-client generates
(order_api_client, written by test/local/generated-clients.test.ts). Scenarios arrive as JSON on stdin; one result
per scenario goes to stdout. Any exception while sending or reading an answer fails the run: that is the crash the
test looks for (a client that trusts the document must read every answer it declares)."""
import importlib
import json
import re
import sys

import httpx
from order_api_client import Client
from order_api_client.api.orders import cancel_order, change_order_status, create_order, get_order, list_customer_orders
from order_api_client.models.cancel_order_request import CancelOrderRequest
from order_api_client.models.change_order_status_request import ChangeOrderStatusRequest
from order_api_client.models.create_order_request import CreateOrderRequest
from order_api_client.types import UNSET


def describe(parsed):
    """What the app reads from an answer through the generated models."""
    if parsed is None:
        raise RuntimeError("the generated client did not parse this answer (status not in the document?)")
    name = type(parsed).__name__
    if name == "Error":
        return f"Error {parsed.error}: {parsed.message} ({parsed.field}/{parsed.rule})"
    if name == "GatewayMessage":
        return f"gateway: {parsed.message}"
    if name == "OrderCreated":
        return f"created {parsed.order_id} {parsed.total_amount}"
    if name == "OrderFound":
        return f"order {parsed.order.order_id} {parsed.order.status}"
    if name == "TransitionConflict":
        return f"{parsed.current_status} -> {parsed.allowed_statuses}"
    if name == "VersionMismatch":
        return f"order at v{parsed.order.version}"
    if name == "OrderPage":
        return f"{len(parsed.orders)} orders, next {parsed.next_cursor}"
    # A model this script does not know (an operation added later): reading it through the generated code is the check.
    return f"{name} {parsed.to_dict()}"


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def run_generic(client, s):
    """Any operation of the document, found by its tag and operationId in the generated package: the request is
    made here (its body may be refused), the answer is read by the operation's generated code."""
    module = importlib.import_module(f"order_api_client.api.{snake(s['tag'])}.{snake(s['op'])}")
    extra = {"json": s["body"]} if "body" in s else {}
    response = client.get_httpx_client().request(s["method"], s["path"], **extra)
    return response, module._build_response(client=client, response=response).parsed


def run(base_url, s):
    headers = {"authorization": f"Bearer {s['token']}"} if "token" in s else {}
    client = Client(base_url=base_url, headers=headers, timeout=httpx.Timeout(60.0), raise_on_unexpected_status=True)
    op = s["op"]
    if s.get("generic"):
        response, parsed = run_generic(client, s)
        content = response.content
        return {"name": s["name"], "status": int(response.status_code), "body": json.loads(content) if content else None, "read": describe(parsed)}
    module = {"createOrder": create_order, "getOrder": get_order, "listCustomerOrders": list_customer_orders,
              "cancelOrder": cancel_order, "changeOrderStatus": change_order_status}[op]
    if "rawPath" in s or "contentType" in s:
        # The request the generated code cannot make (an undecodable path, another media type); its answer is
        # still read by the generated code.
        method = "POST" if op == "createOrder" else "GET"
        extra = {"content": json.dumps(s.get("body")), "headers": {"content-type": s["contentType"]}} if "contentType" in s else {}
        response = client.get_httpx_client().request(method, s.get("rawPath", "/orders"), **extra)
        parsed = module._build_response(client=client, response=response).parsed
    elif op == "createOrder":
        r = create_order.sync_detailed(client=client, body=CreateOrderRequest.from_dict(s["body"]),
                                       idempotency_key=s.get("idempotencyKey", UNSET))
        response, parsed = r, r.parsed
    elif op == "cancelOrder":
        body = CancelOrderRequest.from_dict({"reason": s["reason"]} if "reason" in s else {})
        r = cancel_order.sync_detailed(s["orderId"], client=client, body=body, if_match=s.get("ifMatch", UNSET))
        response, parsed = r, r.parsed
    elif op == "changeOrderStatus":
        body = ChangeOrderStatusRequest.from_dict({"status": s["status"]})
        r = change_order_status.sync_detailed(s["orderId"], client=client, body=body, if_match=s.get("ifMatch", UNSET))
        response, parsed = r, r.parsed
    elif op == "getOrder":
        r = get_order.sync_detailed(s["orderId"], client=client)
        response, parsed = r, r.parsed
    else:
        r = list_customer_orders.sync_detailed(s["customerId"], client=client, limit=s.get("limit", UNSET))
        response, parsed = r, r.parsed
    status = int(response.status_code)
    content = response.content
    return {"name": s["name"], "status": status, "body": json.loads(content) if content else None, "read": describe(parsed)}


def main():
    base_url = sys.argv[1]
    scenarios = json.load(sys.stdin)
    print(json.dumps([run(base_url, s) for s in scenarios]))


if __name__ == "__main__":
    main()
