// A kommun's identity provider as a real, separately run open-source implementation (node-oidc-provider):
// discovery, JWKS with keys the provider makes itself, and RS256 JWT access tokens by the client-credentials
// grant. Started by tests/Eligibility.Tests/Api/OpenSourceProviderTests.cs; prints "ready <issuer>".
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.AUDIENCE ?? 'urn:socialtjanst:catalog';

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['catalog.replicate'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'catalog.replicate',
        audience,
        accessTokenTTL: Number(process.env.TOKEN_TTL ?? 300),
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  // The platform identity: the kommun claim the Catalog reads (the provider is trusted for 0000 only).
  extraTokenClaims: () => ({ kommun: '0000' }),
});

provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
