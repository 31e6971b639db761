using Microsoft.IdentityModel.JsonWebTokens;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>A token whose id (jti) is on Auth:RevokedTokenIds is refused before it expires; others are not.</summary>
public class RevokedTokenTests
{
    [Fact]
    public async Task ARevokedTokenId_IsUnauthenticated_WhileAnotherTokenOfTheSameCallerWorks()
    {
        var auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var issuer = new TokenIssuer(auth);
        var stolen = issuer.Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var fresh = issuer.Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        await using var host = await CatalogHost.StartAsync(auth: auth, settings: new Dictionary<string, string?> { ["Auth:RevokedTokenIds:0"] = new JsonWebToken(stolen).Id });
        var request = new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1) };

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Client(stolen).ListInterventionsAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.NotEmpty((await host.Client(fresh).ListInterventionsAsync(request)).Interventions);
    }
}
