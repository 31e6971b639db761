#!/usr/bin/env python3
"""A portal's flow against the Eligibility service from Python, over gRPC and over REST, as clients/README.md shows.

Run clients/python/generate.sh first, then, with the suite running (dotnet run --project services/Suite):

    python3 clients/python/example.py

Addresses and token come from the environment, or the embedded default's (ports 5102/5112, data/dev-tokens.json):
SOCIALTJANST_ELIGIBILITY (host:port, gRPC), SOCIALTJANST_ELIGIBILITY_REST (http://host:port), SOCIALTJANST_TOKEN,
SOCIALTJANST_KOMMUN (the token's kommunkod, 2514 by default). Only the standard library, python3-grpcio and
python3-protobuf are needed. Exits non-zero if any step does not answer as the contract says.
"""
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from socialtjanst.eligibility.v1 import eligibility_service_pb2 as eligibility  # noqa: E402
from socialtjanst.eligibility.v1 import eligibility_service_pb2_grpc as eligibility_grpc  # noqa: E402
from socialtjanst.type.v1 import date_pb2  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KOMMUN = os.environ.get("SOCIALTJANST_KOMMUN", "2514")
GRPC_ADDRESS = os.environ.get("SOCIALTJANST_ELIGIBILITY", "127.0.0.1:5102")
REST_ADDRESS = os.environ.get("SOCIALTJANST_ELIGIBILITY_REST", "http://127.0.0.1:5112")


def token():
    if os.environ.get("SOCIALTJANST_TOKEN"):
        return os.environ["SOCIALTJANST_TOKEN"]
    with open(os.path.join(ROOT, "data", "dev-tokens.json"), encoding="utf-8") as f:
        return json.load(f)[KOMMUN]


def bad_request_of_grpc(error):
    """The field violations of a gRPC error: google.rpc.Status in the grpc-status-details-bin trailer."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad_request = error_details_pb2.BadRequest()
                    detail.Unpack(bad_request)
                    return [(v.field, v.description) for v in bad_request.field_violations]
    return []


def bad_request_of_rest(body):
    """The field violations of a REST error: the google.rpc.Status JSON, its details by their @type."""
    status = json.loads(body)
    return [(v["field"], v["description"])
            for d in status.get("details", []) if d.get("@type", "").endswith("google.rpc.BadRequest")
            for v in d.get("fieldViolations", [])]


# Every call gets a deadline (seconds): without one, an answer lost on the way is waited for forever.
DEADLINE = 10


def main():
    bearer = token()
    metadata = [("authorization", "Bearer " + bearer)]
    as_of = date_pb2.Date(year=2025, month=10, day=1)
    parent = "municipalities/" + KOMMUN

    with grpc.insecure_channel(GRPC_ADDRESS) as channel:  # grpc.secure_channel with TLS in production
        client = eligibility_grpc.EligibilityServiceStub(channel)

        # 1. The questions the kommun's direct-access insatser need answered.
        questions = client.ListQuestions(eligibility.ListQuestionsRequest(parent=parent, as_of=as_of), metadata=metadata, timeout=DEADLINE).questions
        print(f"grpc questions: {len(questions)}")

        # 2. Answer them (an age, the kommun, every attested fact denied) and list what can be used directly.
        facts = eligibility.Facts(stated_age=30, registered_municipality_code=KOMMUN)
        for q in questions:
            if q.code.startswith("fact:"):
                facts.attested[q.code[len("fact:"):]] = False
        answer = client.ListDirectInterventions(eligibility.ListDirectInterventionsRequest(parent=parent, as_of=as_of, facts=facts), metadata=metadata, timeout=DEADLINE)
        for s in answer.eligible:
            print(f"grpc eligible: {s.display_name}")
        print(f"grpc information: {answer.information.text[:60]}")
        if not answer.eligible:
            raise SystemExit("expected at least one insats usable directly")

        # 3. A mistake: an absurd age. INVALID_ARGUMENT, the field named in Swedish, the value never repeated.
        try:
            client.ListDirectInterventions(eligibility.ListDirectInterventionsRequest(parent=parent, as_of=as_of, facts=eligibility.Facts(stated_age=200)), metadata=metadata, timeout=DEADLINE)
            raise SystemExit("an age of 200 was accepted")
        except grpc.RpcError as error:
            violations = bad_request_of_grpc(error)
            print(f"grpc error: {error.code().name} {violations}")
            if error.code() != grpc.StatusCode.INVALID_ARGUMENT or not any(f == "facts.stated_age" for f, _ in violations):
                raise SystemExit("expected INVALID_ARGUMENT naming facts.stated_age")

    # 4. The same over REST (JSON, camelCase), with the standard library: a typo in a field name is refused, named as spelt.
    request = urllib.request.Request(
        f"{REST_ADDRESS}/v1/{parent}:listDirectInterventions",
        data=json.dumps({"asOf": {"year": 2025, "month": 10, "day": 1}, "facts": {"statedage": 30}}).encode("utf-8"),
        headers={"Authorization": "Bearer " + bearer, "Content-Type": "application/json"},
        method="POST")
    try:
        urllib.request.urlopen(request, timeout=30)
        raise SystemExit("a misspelt field was accepted")
    except urllib.error.HTTPError as error:
        violations = bad_request_of_rest(error.read())
        print(f"rest error: {error.code} {violations}")
        if error.code != 400 or not any(f == "facts.statedage" for f, _ in violations):
            raise SystemExit("expected 400 naming facts.statedage")

    request = urllib.request.Request(
        f"{REST_ADDRESS}/v1/{parent}:listDirectInterventions",
        data=json.dumps({"asOf": {"year": 2025, "month": 10, "day": 1}, "facts": {"statedAge": 30, "registeredMunicipalityCode": KOMMUN}}).encode("utf-8"),
        headers={"Authorization": "Bearer " + bearer, "Content-Type": "application/json"},
        method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
        print(f"rest answer: {len(answer.get('eligible', []))} eligible, {len(answer.get('possible', []))} possible")
    print("ok")


if __name__ == "__main__":
    main()
