// The suite's services as typed clients. Transport: gRPC-web (every service answers gRPC-web, on its REST
// port over HTTP/1.1) or gRPC over HTTP/2 from Node (@connectrpc/connect-node). Every call needs a bearer token.
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { CatalogService } from "./gen/socialtjanst/catalog/v1/catalog_service_pb.js";
import { DocumentationService } from "./gen/socialtjanst/documentation/v1/documentation_service_pb.js";
import { EligibilityService } from "./gen/socialtjanst/eligibility/v1/eligibility_service_pb.js";
import { FollowUpService } from "./gen/socialtjanst/followup/v1/followup_service_pb.js";

export * from "./gen/socialtjanst/eligibility/v1/eligibility_service_pb.js";

/** Adds "Authorization: Bearer <token>" to every call; the token says which kommun the caller speaks for. */
export function bearer(token: () => string): Interceptor {
  return (next) => async (req) => {
    req.header.set("Authorization", `Bearer ${token()}`);
    return next(req);
  };
}

export interface Clients {
  catalog: Client<typeof CatalogService>;
  eligibility: Client<typeof EligibilityService>;
  documentation: Client<typeof DocumentationService>;
  followUp: Client<typeof FollowUpService>;
}

/** One client per service, each at its own base URL: gRPC-web over HTTP/1.1 (in the embedded default the REST ports 5111–5114). */
export function clients(baseUrls: { catalog: string; eligibility: string; documentation: string; followUp: string }, token: () => string): Clients {
  const transport = (baseUrl: string) => createGrpcWebTransport({ baseUrl, interceptors: [bearer(token)] });
  return {
    catalog: createClient(CatalogService, transport(baseUrls.catalog)),
    eligibility: createClient(EligibilityService, transport(baseUrls.eligibility)),
    documentation: createClient(DocumentationService, transport(baseUrls.documentation)),
    followUp: createClient(FollowUpService, transport(baseUrls.followUp)),
  };
}
