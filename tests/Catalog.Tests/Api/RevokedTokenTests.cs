using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task ATokenRevokedAfterItsValidationWasKept_IsRefusedOnItsNextCall()
    {
        var auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var token = new TokenIssuer(auth).Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        await using var host = await CatalogHost.StartAsync(auth: auth);
        var request = new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1) };
        var kept = host.Services.GetRequiredService<ValidatedTokens>();

        await host.Client(token).ListInterventionsAsync(request);
        var hits = kept.Hits;
        await host.Client(token).ListInterventionsAsync(request);
        Assert.True(kept.Hits > hits, "the second call's validation was not the one kept");

        // Revoked while its validation is kept (Auth:RevokedTokenIds reloaded, as from a mounted file).
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Auth:RevokedTokenIds:0"] = new JsonWebToken(token).Id;
        configuration.Reload();
        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Client(token).ListInterventionsAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task ARefusedToken_IsNeverKept_AndAnotherKommunsTokenIsNotAnswered()
    {
        var auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var issuer = new TokenIssuer(auth);
        var good = issuer.Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var forged = good[..^4] + (good.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await using var host = await CatalogHost.StartAsync(auth: auth);
        var kept = host.Services.GetRequiredService<ValidatedTokens>();
        var request = new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1) };

        for (var i = 0; i < 2; i++)
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => host.Client(forged).ListInterventionsAsync(request).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        }

        Assert.Equal(0, kept.Hits);
        await host.Client(good).ListInterventionsAsync(request);
        await host.Client(good).ListInterventionsAsync(request);
        Assert.Equal(1, kept.Hits);

        // A kept token answers for its own kommun only: the same caller's token asking for another kommun is refused as before.
        var other = await Assert.ThrowsAsync<RpcException>(() => host.Client(good).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/1489", AsOf = D.Of(2025, 10, 1) }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.Equal(2, kept.Hits);
    }
}
