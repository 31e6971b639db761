using BenchmarkDotNet.Attributes;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Micro;

/// <summary>
/// One eligibility check in process: reading the request's facts (a personnummer included) and
/// evaluating Kalix's BRA-samtal (four conditions and the statute's floor) for a 12-year-old.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class EligibilityBenchmarks
{
    private static readonly DateOnly AsOf = new(2025, 10, 1);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private Intervention bra = null!;
    private Facts request = null!;
    private PersonFacts facts = null!;
    private readonly PendingChunks pending = new();
    private int appended;

    [GlobalSetup]
    public void Setup()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "catalogs", "2514-kalix-2025.yaml"));
        bra = CatalogFileReader.Read(yaml).File!.Interventions.Single(e => e.Id == "bra-samtal").Intervention;
        request = new Facts
        {
            PersonalIdentityNumber = "20130315-1235",
            RegisteredMunicipalityCode = "2514",
            GuardianConsent = true,
            AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
        };
        facts = FactsReader.Read(request, AsOf, Today);
        if (EligibilityEvaluator.Evaluate(bra, facts, AsOf, "Kalix kommun").Outcome != Outcome.Eligible)
        {
            throw new InvalidOperationException("The benchmark's case must be eligible.");
        }
    }

    [Benchmark(Baseline = true)]
    public EligibilityDecision Evaluate() => EligibilityEvaluator.Evaluate(bra, facts, AsOf, "Kalix kommun");

    /// <summary>The check's answer as the service builds it (conditions with results and sources, a decision id).</summary>
    [Benchmark]
    public CheckEligibilityResponse Answer() => CheckAnswers.Answer("2514", bra, facts, AsOf, null, 1, false, Now);

    /// <summary>
    /// The answer and what the check adds for the decision log: the record without identifiers, encoded and appended to
    /// the kommun's open chunk; every 500 answers the chunks are closed as the writer does (its share included).
    /// </summary>
    [Benchmark]
    public int AnswerAndItsLogRecord()
    {
        var answer = CheckAnswers.Answer("2514", bra, facts, AsOf, null, 1, false, Now);
        pending.Add(DecisionRecords.Of("2514", answer, facts, AsOf, Now));
        return ++appended % 500 == 0 ? pending.Take().Count : 0;
    }

    [Benchmark]
    public EligibilityDecision ReadFactsAndEvaluate() => EligibilityEvaluator.Evaluate(bra, FactsReader.Read(request, AsOf, Today), AsOf, "Kalix kommun");
}
