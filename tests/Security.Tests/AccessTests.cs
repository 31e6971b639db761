using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Every RPC the running services list through reflection refuses callers without a valid token,
/// and refuses a valid token from another kommun than the resource's.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AccessTests(StackFixture fixture)
{
    private SuiteStack Stack => fixture.Stack;

    [Fact]
    public void Reflection_FindsEveryServiceOfTheSuite()
    {
        var services = fixture.Rpcs.Select(r => r.Descriptor.Service.FullName).Distinct().ToList();
        Assert.Contains("socialtjanst.catalog.v1.CatalogService", services);
        Assert.Contains("socialtjanst.eligibility.v1.EligibilityService", services);
        Assert.Contains("socialtjanst.documentation.v1.DocumentationService", services);
        Assert.Contains("socialtjanst.followup.v1.FollowUpService", services);
        Assert.Contains("socialtjanst.audit.v1.AuditService", services);
        Assert.DoesNotContain("socialtjanst.bench.v1.EchoService", services);
        Assert.True(fixture.Rpcs.Count >= 25, $"only {fixture.Rpcs.Count} RPCs found");
    }

    public static TheoryData<string> BadCredentials() => new(Credentials.Keys);

    private static readonly Dictionary<string, Func<SuiteStack, string?>> Credentials = new()
    {
        ["none"] = _ => null,
        ["garbage"] = _ => "not-a-token",
        ["expired"] = s => s.Issuer.Issue("2514", "expired", SuiteStack.AllScopes, DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1)),
        ["not yet valid"] = s => s.Issuer.Issue("2514", "future", SuiteStack.AllScopes, DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromHours(1)),
        ["signed with another key"] = _ => new TokenIssuer(new AuthOptions { SigningKey = TokenIssuer.NewKey() }).Issue("2514", "forger", SuiteStack.AllScopes, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        ["another issuer"] = s => new TokenIssuer(new AuthOptions { SigningKey = s.Auth.SigningKey, Issuer = "someone-else" }).Issue("2514", "other", SuiteStack.AllScopes, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        ["another audience"] = s => new TokenIssuer(new AuthOptions { SigningKey = s.Auth.SigningKey, Audience = "another-suite" }).Issue("2514", "other", SuiteStack.AllScopes, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        ["payload changed after signing"] = s => Tamper(s.Token("1489", "tamperer"), "1489", "2514"),
        ["alg none"] = s => Unsigned(s.Token("2514", "unsigned")),
        ["no kommun claim"] = s => s.Issuer.Issue("", "nobody", SuiteStack.AllScopes, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        ["living until 2100"] = s => s.Issuer.Issue("2514", "forever", SuiteStack.AllScopes, DateTimeOffset.UtcNow, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero) - DateTimeOffset.UtcNow),
        ["issued in the future"] = s => IssuedAt(s, DateTimeOffset.UtcNow.AddDays(2)),
        ["without iat"] = s => IssuedAt(s, null),
    };

    /// <summary>A token valid in every other way (nbf passed, exp ahead, the suite's key) whose iat is given or absent.</summary>
    private static string IssuedAt(SuiteStack s, DateTimeOffset? iat)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "iat", ["kommun"] = "2514", ["scope"] = string.Join(' ', SuiteStack.AllScopes),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (iat is { } at)
        {
            claims["iat"] = at.ToUnixTimeSeconds();
        }

        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = s.Auth.Issuer,
            Audience = s.Auth.Audience,
            Claims = claims,
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(TokenIssuer.DecodeKey(s.Auth.SigningKey)), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task EveryRpc_RefusesTheCall_WithoutAValidToken(string credential)
    {
        var token = Credentials[credential](Stack);
        var wrong = new List<string>();
        foreach (var rpc in fixture.Rpcs)
        {
            var outcome = await Surface.CallAsync(Stack.Invoker(rpc.Service, token), rpc, Surface.Empty(rpc), TimeSpan.FromSeconds(10));
            if (outcome.Code != StatusCode.Unauthenticated)
            {
                wrong.Add($"{rpc}: {outcome.Code}");
            }
        }

        Assert.True(wrong.Count == 0, $"{credential}: " + string.Join("; ", wrong));
    }

    [Fact]
    public async Task EveryRpc_RefusesAValidToken_ForAnotherKommunsResources()
    {
        var wrong = new List<string>();
        var token = Stack.Token("2514", "neighbour");
        foreach (var rpc in fixture.Rpcs)
        {
            var request = AimedAt(rpc.Descriptor.InputType, "1489", depth: 0);
            var outcome = await Surface.CallAsync(Stack.Invoker(rpc.Service, token), rpc, request.ToByteArray(), TimeSpan.FromSeconds(10));
            if (outcome.Code != StatusCode.PermissionDenied)
            {
                wrong.Add($"{rpc}: {outcome.Code} {outcome.Status.Detail}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task TheSameRequests_AimedAtTheCallersOwnKommun_AreNotRefusedForTheKommun()
    {
        // The control for the test above: PERMISSION_DENIED there comes from the kommun, not the request's shape.
        var token = Stack.Token("1489", "owner");
        foreach (var rpc in fixture.Rpcs.Where(r => r.Descriptor.Name != "ListMunicipalities"))
        {
            var request = AimedAt(rpc.Descriptor.InputType, "1489", depth: 0);
            var outcome = await Surface.CallAsync(Stack.Invoker(rpc.Service, token), rpc, request.ToByteArray(), TimeSpan.FromSeconds(10));
            Assert.True(outcome.Code != StatusCode.PermissionDenied, $"{rpc}: {outcome.Code} {outcome.Status.Detail}");
        }
    }

    /// <summary>A request whose every resource name (parent, name, intervention) lies under the kommun.</summary>
    internal static IMessage AimedAt(MessageDescriptor type, string code, int depth)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InDeclarationOrder().Where(f => !f.IsRepeated && !f.IsMap))
        {
            if (field.FieldType == FieldType.String)
            {
                var value = field.Name switch
                {
                    "parent" => $"municipalities/{code}",
                    "name" when type.Name.Contains("Decision", StringComparison.Ordinal) || type.Name.Contains("Event", StringComparison.Ordinal)
                        => $"municipalities/{code}/decisions/{new string('a', 32)}",
                    "name" or "intervention" => $"municipalities/{code}/interventions/krisstod",
                    _ => null,
                };
                if (value is not null)
                {
                    field.Accessor.SetValue(message, value);
                }
            }
            else if (field.FieldType == FieldType.Message && depth < 2 && field.Name is "intervention" or "decision")
            {
                field.Accessor.SetValue(message, AimedAt(field.MessageType, code, depth + 1));
            }
        }

        return message;
    }

    private static string Tamper(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray())}.{parts[1]}.";
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
