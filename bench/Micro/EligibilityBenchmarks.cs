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
    private CatalogSnapshot kalix = null!;
    private Facts request = null!;
    private PersonFacts facts = null!;
    private readonly PendingChunks pending = new();
    private readonly byte[] written = new byte[64 * 1024];
    private byte[] requestBytes = [];
    private CheckEligibilityResponse answer = null!;
    private int answerSize;
    private int appended;

    [GlobalSetup]
    public void Setup()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "catalogs", "2514-kalix-2025.yaml"));
        var file = CatalogFileReader.Read(yaml).File!;
        bra = file.Interventions.Single(e => e.Id == "bra-samtal").Intervention;
        kalix = new CatalogSnapshot("2514", 1, file.Interventions.Select(e => e.Intervention), file.Rules is { } rules ? [rules] : []);
        request = new Facts
        {
            PersonalIdentityNumber = "20130315-1235",
            RegisteredMunicipalityCode = "2514",
            GuardianConsent = true,
            AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
        };
        facts = FactsReader.Read(request, AsOf, Today);
        requestBytes = Google.Protobuf.MessageExtensions.ToByteArray(new CheckEligibilityRequest
        {
            Intervention = bra.Name,
            AsOf = Type.V1.Date.From(AsOf),
            Facts = request,
        });
        answer = CheckAnswers.Answer("2514", bra, facts, AsOf, null, 1, false, Now);
        answerSize = WriteAnswer();
        if (WriteAnswerFromItsShape() != answerSize || WriteAnswerFromItsShape() != answerSize || !CheckShapes.Of(answer).Protobuf.IsKept)
        {
            throw new InvalidOperationException("The answer's shape must be kept and written at the answer's size.");
        }
        if (EligibilityEvaluator.Evaluate(bra, facts, AsOf, "Kalix kommun").Outcome != Outcome.Eligible)
        {
            throw new InvalidOperationException("The benchmark's case must be eligible.");
        }
    }

    /// <summary>
    /// What a check that brings attested facts pays before it is answered: each must be a fact some direct-access insats
    /// of the kommun asks for that day (the handler's check of facts.attested).
    /// </summary>
    [Benchmark]
    public bool AttestedFactsKnown() => Questionnaire.AllAsked(kalix, AsOf, request.AttestedFacts);

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

    /// <summary>
    /// The check from the request's bytes to the answer's, and the caller reading them: everything a call does in the
    /// service's own code and the contract's messages, without the transport and the pipeline (those are measured under
    /// load against the echo: `bench/Bench pipeline` and `eligibility`).
    /// </summary>
    [Benchmark]
    public int FromBytesToBytes()
    {
        var call = CheckEligibilityRequest.Parser.ParseFrom(requestBytes);
        var read = FactsReader.Read(call.Facts, AsOf, Today);
        var answer = CheckAnswers.Answer("2514", bra, read, AsOf, null, 1, false, Now);
        pending.Add(DecisionRecords.Of("2514", answer, read, AsOf, Now));
        if (++appended % 500 == 0)
        {
            pending.Take();
        }

        var size = answer.CalculateSize();
        var output = new Google.Protobuf.CodedOutputStream(written);
        answer.WriteTo(output);
        output.Flush();
        return CheckEligibilityResponse.Parser.ParseFrom(written, 0, size).Conditions.Count;
    }

    /// <summary>The answer's protobuf, written as the server writes it (its size counted, then written).</summary>
    [Benchmark]
    public int WriteAnswer()
    {
        var size = answer.CalculateSize();
        var output = new Google.Protobuf.CodedOutputStream(written);
        answer.WriteTo(output);
        output.Flush();
        return size;
    }

    /// <summary>
    /// The answer's protobuf written as the service's marshaller writes it (CheckShapes): its shape looked up (the answer
    /// compared with the kept one), the kept bytes with the answer's own decision id.
    /// </summary>
    [Benchmark]
    public int WriteAnswerFromItsShape()
    {
        var context = new BufferContext(written);
        CheckShapes.Marshaller.ContextualSerializer(answer, context);
        return context.Length;
    }

    /// <summary>The answer's protobuf read as the caller reads it.</summary>
    [Benchmark]
    public int ReadAnswer() => CheckEligibilityResponse.Parser.ParseFrom(written, 0, answerSize).Conditions.Count;

    [Benchmark]
    public EligibilityDecision ReadFactsAndEvaluate() => EligibilityEvaluator.Evaluate(bra, FactsReader.Read(request, AsOf, Today), AsOf, "Kalix kommun");
}
