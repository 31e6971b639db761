using Grpc.Core;
using Grpc.Core.Interceptors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.Audit;

/// <summary>The methods of a service that touch individual-level data, and the service's name.</summary>
public sealed record AuditedMethods(string Service, IReadOnlySet<string> Methods);
