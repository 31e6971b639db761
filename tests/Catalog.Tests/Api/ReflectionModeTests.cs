using Grpc.Reflection.V1Alpha;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>Reflection lists every method: open by default for development tools, behind a token or off when configured (Reflection:Mode).</summary>
public class ReflectionModeTests
{
    private static async Task<StatusCode> ListServicesAsync(CatalogHost host, string? token)
    {
        var invoker = token is null ? host.Channel().CreateCallInvoker() : Hosts.Authorized(host.Channel(), token);
        using var call = new ServerReflection.ServerReflectionClient(invoker).ServerReflectionInfo();
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server answered (refused) before the request was written: its status is read below.
        }

        try
        {
            return await call.ResponseStream.MoveNext() ? StatusCode.OK : StatusCode.Unknown;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    [Theory]
    [InlineData(null, StatusCode.OK, StatusCode.OK)]
    [InlineData("Token", StatusCode.Unauthenticated, StatusCode.OK)]
    [InlineData("Off", StatusCode.Unimplemented, StatusCode.Unimplemented)]
    public async Task Reflection_FollowsItsMode(string? mode, StatusCode withoutToken, StatusCode withToken)
    {
        await using var host = await CatalogHost.StartAsync(seed: false, settings: mode is null ? null : new Dictionary<string, string?> { ["Reflection:Mode"] = mode });
        Assert.Equal(withoutToken, await ListServicesAsync(host, null));
        Assert.Equal(withToken, await ListServicesAsync(host, host.Token("2514")));
    }
}
