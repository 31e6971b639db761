// The region's identity provider for the production run (tests/Deployment.Tests): node-oidc-provider over HTTPS,
// as a real region's would be, issuing client-credentials JWTs (RS256) for several clients, each with its kommun
// claim and scopes: the services' platform identities (kommun 0000, catalog.replicate) and the kommuner's callers.
// Settings in the environment: ISSUER, HOST, PORT, TLS_CERT, TLS_KEY (files), AUDIENCE, CLIENTS (JSON:
// [{client_id, client_secret, kommun, scope}]). Prints "ready <issuer>".
import fs from 'node:fs';
import https from 'node:https';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.CLIENTS);
const byId = Object.fromEntries(clients.map((c) => [c.client_id, c]));
const audience = process.env.AUDIENCE ?? 'socialtjanst';
const scopes = [...new Set(clients.flatMap((c) => c.scope.split(' ')))];

const provider = new Provider(process.env.ISSUER, {
  clients: clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_post',
    scope: c.scope,
  })),
  scopes,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => ({
        scope: client.scope,
        audience,
        accessTokenTTL: Number(process.env.TOKEN_TTL ?? 600),
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => ({ kommun: byId[token.clientId]?.kommun ?? '' }),
});

const server = https.createServer({ cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) }, provider.callback());
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1', () => console.log(`ready ${process.env.ISSUER}`));
