// A kommun's identity provider for people (node-oidc-provider, MIT): the workbench's sign-in by the authorization
// code grant with PKCE, for a public client (no secret in a browser), with the provider's own login page (its
// development interactions: any login and password, then its consent page) and RS256 JWT access tokens carrying the kommun and the
// workbench's scopes. Started by tests/Eligibility.Tests/Api/WorkbenchSignInTests.cs; prints "ready <issuer>".
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.AUDIENCE ?? 'socialtjanst';
const scope = 'catalog.read catalog.write decisions.read';
const resource = 'urn:socialtjanst:workbench'; // a resource indicator is a URI; the token's audience is the suite's

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'workbench',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [process.env.REDIRECT_URI],
  }],
  scopes: ['openid', ...scope.split(' ')],
  pkce: { required: () => true },
  clientBasedCORS: () => true,
  findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope,
        audience,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: () => ({ kommun: process.env.KOMMUN }),
});

provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
