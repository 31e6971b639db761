namespace Socialtjanst.Data;

/// <summary>The first answer to an idempotent request (AIP-155).</summary>
public sealed class RequestRecord
{
    public string Method { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public byte[] Response { get; set; } = [];
}
