namespace Socialtjanst.Audit;

/// <summary>The methods of a service that touch individual-level data, and the service's name.</summary>
public sealed record AuditedMethods(string Service, IReadOnlySet<string> Methods);
