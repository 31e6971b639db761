// A kommun's or a region's identity provider as a real, separately run open-source implementation
// (node-oidc-provider): discovery, JWKS with keys it makes itself, and RS256 JWT access tokens by the
// client-credentials grant for several clients, each with its kommun claim and scopes (the services' platform
// identity is kommun 0000 with catalog.replicate). Settings in the environment: PORT, HOST (127.0.0.1), AUDIENCE,
// TOKEN_TTL, CLIENTS (JSON: [{client_id, client_secret, kommun, scope}]); with TLS_CERT and TLS_KEY (files) it serves
// HTTPS as a region's would (the production run, tests/Deployment.Tests), else HTTP on loopback (the identity
// tests). ISSUER defaults to the address it serves. Prints "ready <issuer>".
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.CLIENTS);
const byId = Object.fromEntries(clients.map((c) => [c.client_id, c]));
const audience = process.env.AUDIENCE ?? 'urn:socialtjanst';
const host = process.env.HOST ?? '127.0.0.1';
const tls = process.env.TLS_CERT && process.env.TLS_KEY;
const issuer = process.env.ISSUER ?? `${tls ? 'https' : 'http'}://${host}:${process.env.PORT}`;
const scopes = [...new Set(clients.flatMap((c) => c.scope.split(' ')))];

const provider = new Provider(issuer, {
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

const server = tls
  ? https.createServer({ cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) }, provider.callback())
  : http.createServer(provider.callback());
server.listen(Number(process.env.PORT), host, () => console.log(`ready ${issuer}`));
