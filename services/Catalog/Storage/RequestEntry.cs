namespace Socialtjanst.Catalog.Storage;

/// <summary>A request id's first answer, as the request log keeps it.</summary>
public sealed record RequestEntry(string RequestId, string Method, string Hash, byte[] Response, DateTimeOffset At);
