using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// The leak test at the most verbose level there is: every category (ASP.NET Core, Kestrel, gRPC,
/// the HTTP client, Polly's resilience events, the suite's own) at Trace, every RPC called with
/// personnummer, names, addresses and note text in every text field (and in valid calls that go
/// all the way to the database), from callers of both kommuner. No log line may hold any of it.
/// </summary>
public sealed class TraceLogTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Trace = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace", // off by default (ServiceDefaults): raised by name
        ["Logging:LogLevel:Grpc"] = "Trace",
        ["Logging:LogLevel:Grpc.AspNetCore.Server.ServerCallHandler"] = "Trace",
        ["Logging:LogLevel:System.Net.Http"] = "Trace",
        ["Logging:LogLevel:Polly"] = "Trace",
    };

    [Fact]
    public async Task AtTraceInEveryCategory_NoLogLineHoldsWhatTheRequestsCarried()
    {
        await using var stack = await SuiteStack.StartAsync(settings: Trace, minimumLevel: LogLevel.Trace);
        var rpcs = await Surface.DiscoverAsync(stack);
        var calls = 0;
        foreach (var code in new[] { "2514", "1489" })
        {
            var token = stack.Token(code, "handlaggare");
            foreach (var rpc in rpcs)
            {
                var invoker = stack.Invoker(rpc.Service, token);
                for (var variant = 0; variant < Fuzzer.PersonalData.Length; variant++)
                {
                    var request = Filled(rpc.Descriptor.InputType, variant, code, 0);
                    await Surface.CallAsync(invoker, rpc, request.ToByteArray(), TimeSpan.FromSeconds(15));
                    calls++;
                }
            }
        }

        var lines = stack.Logs.ToArray();
        output.WriteLine($"{calls} calls over {rpcs.Count} RPCs; {lines.Length} log lines at Trace");
        Assert.True(lines.Length > 10 * calls, "Trace should log a great deal; too few lines to prove anything");
        var leaks = lines.Where(line => Fuzzer.PersonalData.Any(p => line.Contains(p, StringComparison.Ordinal)) || line.Contains("Lisa Holm", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "log lines holding personal data:\n" + string.Join('\n', leaks.Take(5).Select(l => l[..Math.Min(300, l.Length)])));
    }

    /// <summary>
    /// The second outside attack's LOW: with ASP.NET Core's categories raised, request URLs reached the log (42 of
    /// 49 072 lines). Over REST every path segment and query string may hold what a caller typed: each service is
    /// asked, with and without a token, GET and POST, at paths and in query strings carrying personal data, and with
    /// a request line Kestrel refuses. No line may hold any of it, escaped or not; the lines still name the route.
    /// </summary>
    [Fact]
    public async Task OverRest_AtTrace_NoLogLineHoldsWhatThePathOrQueryCarried()
    {
        await using var stack = await SuiteStack.StartAsync(settings: Trace, minimumLevel: LogLevel.Trace);
        string[] secrets = ["191212121212", "811218-9876", "Andersson", "anna.andersson@example.se", "0701234567", "Storgatan"];
        var requests = 0;
        foreach (var service in new[] { "Catalog", "Eligibility", "Documentation", "FollowUp" })
        {
            foreach (var token in new[] { null, stack.Token("2514", "handlaggare") })
            {
                using var http = stack.Rest(service, token);
                foreach (var secret in secrets)
                {
                    var escaped = Uri.EscapeDataString(secret);
                    foreach (var path in new[]
                    {
                        $"/v1/municipalities/2514/interventions/{escaped}",
                        $"/v1/municipalities/2514/decisions/{escaped}",
                        $"/v1/municipalities/2514/interventions/{escaped}:checkEligibility",
                        $"/v1/municipalities/2514/questions?intervention={escaped}&asOf.year={escaped}",
                        $"/v1/municipalities/2514/executionDelays?pageToken={escaped}",
                        $"/{escaped}/{escaped}?q={escaped}",
                        $"/socialtjanst.eligibility.v1.EligibilityService/{escaped}",
                    })
                    {
                        using var get = await http.GetAsync(path);
                        using var post = await http.PostAsync(path, new StringContent("{\"x\":1}", System.Text.Encoding.UTF8, "application/json"));
                        requests += 2;
                    }
                }
            }

            // A request line Kestrel refuses (a space in the target), written by hand.
            var address = new Uri(stack.Rest(service, null).BaseAddress!.ToString());
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port);
            var raw = System.Text.Encoding.ASCII.GetBytes($"GET /v1/municipalities/2514/interventions/{secrets[0]} {secrets[2]}?x={secrets[1]} HTTP/1.1\r\nHost: localhost\r\n\r\n");
            await tcp.GetStream().WriteAsync(raw);
            _ = await tcp.GetStream().ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
        }

        await Task.Delay(500); // the last requests' "finished" lines
        var lines = stack.Logs.ToArray();
        output.WriteLine($"{requests} REST requests; {lines.Length} log lines at Trace");
        Assert.Contains(lines, l => l.Contains("/v1/municipalities/2514/", StringComparison.Ordinal)); // the route is still there
        var leaks = lines.Where(line => secrets.Any(p => line.Contains(p, StringComparison.OrdinalIgnoreCase) || line.Contains(Uri.EscapeDataString(p), StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines holding personal data:\n" + string.Join('\n', leaks.DistinctBy(l => l[..Math.Min(70, l.Length)]).Take(8).Select(l => l[..Math.Min(400, l.Length)])));
    }

    /// <summary>
    /// A request whose every string holds personal data (names of resources stay well-formed under the
    /// caller's kommun, so the call goes past the name checks), dates valid, nested messages filled.
    /// </summary>
    private static IMessage Filled(MessageDescriptor type, int variant, string code, int depth)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.IsMap)
            {
                // A map keyed by text (facts.attested): personal data as the key.
                if (field.MessageType.FindFieldByNumber(1).FieldType == FieldType.String && field.MessageType.FindFieldByNumber(2).FieldType == FieldType.Bool)
                {
                    ((System.Collections.IDictionary)field.Accessor.GetValue(message))[Fuzzer.PersonalData[variant % Fuzzer.PersonalData.Length]] = true;
                }

                continue;
            }

            var value = field.FieldType switch
            {
                FieldType.String => Text(field.Name, variant, code),
                FieldType.Message when depth < 4 && field.MessageType.FullName == "socialtjanst.type.v1.Date" => (object)new Type.V1.Date { Year = 2025, Month = 10, Day = 1 },
                FieldType.Message when depth < 4 && !field.MessageType.FullName.StartsWith("google.", StringComparison.Ordinal) => Filled(field.MessageType, variant, code, depth + 1),
                _ => null,
            };
            if (value is null || (field.ContainingOneof is not null && field.ContainingOneof.Accessor.GetCaseFieldDescriptor(message) is not null))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                list.Add(value);
            }
            else
            {
                field.Accessor.SetValue(message, value);
            }
        }

        return message;
    }

    private static string Text(string field, int variant, string code)
    {
        var personal = Fuzzer.PersonalData[variant % Fuzzer.PersonalData.Length];
        return field switch
        {
            "parent" => $"municipalities/{code}",
            "intervention" or "name" when variant % 2 == 0 => $"municipalities/{code}/interventions/{(code == "2514" ? "bra-samtal" : "familjeradgivning")}",
            "name" => $"municipalities/{code}/decisions/{new string('a', 32)}",
            "request_id" => Guid.NewGuid().ToString(),
            "text" or "value" => $"Samtal med Lisa Holm ({personal}) om hemsituationen.",
            _ => personal,
        };
    }
}
