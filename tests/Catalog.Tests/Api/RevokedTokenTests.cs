using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>A token whose id (jti) is on Auth:RevokedTokenIds, or in the revocation file, is refused before it expires; others are not.</summary>
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

    [Fact]
    public async Task ATokenIdAddedToTheRevocationFile_AsTheKubeletUpdatesAConfigMap_IsRefusedWithoutARestart()
    {
        var auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var issuer = new TokenIssuer(auth);
        var stolen = issuer.Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var other = issuer.Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        using var mount = new ConfigMapVolume("token-ids", "# One token id (jti) a line.\n");
        await using var host = await CatalogHost.StartAsync(auth: auth, settings: new Dictionary<string, string?>
        {
            ["Auth:RevokedTokenIdsFile"] = mount.PathOf("token-ids"),
            ["Auth:RevokedTokenIdsFileInterval"] = "00:00:01",
        });
        var request = new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1) };
        await host.Client(stolen).ListInterventionsAsync(request); // its validation is now kept, too

        mount.Update("token-ids", $"# One token id (jti) a line.\n  {new JsonWebToken(stolen).Id}  \n\n# {new JsonWebToken(other).Id} (a comment: not revoked)\n");
        var refused = await RefusedWithinAsync(() => host.Client(stolen).ListInterventionsAsync(request).ResponseAsync, TimeSpan.FromSeconds(15));
        Assert.True(refused, "the token written to the revocation file was still answered after 15 s");
        Assert.NotEmpty((await host.Client(other).ListInterventionsAsync(request)).Interventions);

        // The file gone (its ConfigMap deleted, say): the ids last read stay refused.
        mount.Remove("token-ids");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Client(stolen).ListInterventionsAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);

        // Back with an empty list: the token is answered again (a revocation is withdrawn as it was made).
        mount.Update("token-ids", "");
        Assert.True(await AnsweredWithinAsync(() => host.Client(stolen).ListInterventionsAsync(request).ResponseAsync, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task ARevocationFileThatDoesNotExist_StopsTheStart_NamingTheSetting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "revoked-" + Guid.NewGuid().ToString("N"), "token-ids");
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CatalogHost.StartAsync(settings: new Dictionary<string, string?> { ["Auth:RevokedTokenIdsFile"] = missing }));
        Assert.Contains("Auth:RevokedTokenIdsFile", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFilesLines_AreIds_WithCommentsAndBlankLinesIgnored()
    {
        Assert.Equal(["a1", "b-2"], RevokedTokens.Lines("a1\r\n  b-2 \n\n# c3\n   # d4\n").Order(StringComparer.Ordinal));
        Assert.Empty(RevokedTokens.Lines(""));
    }

    private static async Task<bool> RefusedWithinAsync(Func<Task> call, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static async Task<bool> AnsweredWithinAsync(Func<Task> call, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                await call();
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }
}
