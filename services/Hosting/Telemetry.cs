using System.Text;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Data;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Limits;
using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting;

public static class Telemetry
{
    /// <summary>The meter of what Hosting measures for every service (e.g. refused calls).</summary>
    public const string HostingMeter = "Socialtjanst.Hosting";

    public static string SourceName(string serviceName) => "Socialtjanst." + serviceName;
}
