using System.Text;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Micro;

/// <summary>
/// The REST face's check of a request body before transcoding reads it (every field named as the request spelt it,
/// a misspelt one refused): the portal's check body of `bench/Bench rest`, and a body of 20 conditions' worth of facts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class RestBodyBenchmarks
{
    private byte[] check = [];
    private byte[] larger = [];

    [GlobalSetup]
    public void Setup()
    {
        var request = new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = new Type.V1.Date { Year = 2025, Month = 10, Day = 1 },
            Facts = new Facts
            {
                PersonalIdentityNumber = "20130315-1235",
                RegisteredMunicipalityCode = "2514",
                GuardianConsent = true,
                AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
            },
        };
        check = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request));
        for (var i = 0; i < 20; i++)
        {
            request.Facts.AttestedFacts.Add($"uppgift-{i}");
            request.Facts.Attested.Add($"svar-{i}", i % 2 == 0);
        }

        request.Facts.UncertainFacts.Add(UncertainFact.Age);
        larger = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request));
        if (Check(check) != 0 || Check(larger) != 0)
        {
            throw new InvalidOperationException("The benchmark's bodies must be right.");
        }
    }

    [Benchmark(Baseline = true)]
    public int CheckBody() => Check(check);

    [Benchmark]
    public int CheckLargerBody() => Check(larger);

    private static int Check(byte[] json)
    {
        return JsonRequestCheck.Check(json, CheckEligibilityRequest.Descriptor).Count;
    }
}
