using System.Collections.Concurrent;
using Google.Protobuf;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage.Format;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// The decision log's answers to and from their stored form (<c>Format/decision_chunk.proto</c>, protobuf): one kommun's
/// answers in a chunk, the conditions' descriptions and sources kept once per chunk, each answer its results and its
/// profile. Pure: no SQL here.
/// </summary>
public static class DecisionChunks
{
    // The condition texts of the insatser answered, shared by every answer about one version of an insats (the key
    // compares the catalog's strings by identity first; see ConditionSetKey). Bounded: cleared when it grows past 10 000
    // sets (a catalog has a few hundred), after which the texts are made again once.
    private static readonly ConcurrentDictionary<ConditionSetKey, Format.ConditionSet> Sets = new();

    [ThreadStatic]
    private static Answer? scratch;

    [ThreadStatic]
    private static byte[]? resultScratch;

    [ThreadStatic]
    private static byte[]? encodedScratch;

    /// <summary>
    /// The answer encoded (an <c>Answer</c> message), in an array of the calling thread's that the next call overwrites:
    /// to be copied before this thread encodes another. <paramref name="texts"/> is its conditions' texts, one shared
    /// message per version of an insats. Nothing lasting is allocated.
    /// </summary>
    public static ReadOnlySpan<byte> EncodeAnswer(DecisionLogEntry a, out Format.ConditionSet texts)
    {
        var key = new ConditionSetKey(a.MunicipalityCode, a.Conditions);
        if (!Sets.TryGetValue(key, out texts!))
        {
            if (Sets.Count > 10_000)
            {
                Sets.Clear();
            }

            texts = new Format.ConditionSet();
            texts.Conditions.AddRange(a.Conditions.Select(c => new ConditionText { Description = c.Description, Source = c.Source }));
            texts = Sets.GetOrAdd(key, texts);
        }

        // One message per thread, cleared and filled again for each answer and encoded at once, here.
        var answer = scratch ??= new Answer { Facts = new Profile() };
        var results = resultScratch ??= new byte[64];
        if (a.Conditions.Count > results.Length)
        {
            results = resultScratch = new byte[a.Conditions.Count];
        }

        for (var i = 0; i < a.Conditions.Count; i++)
        {
            results[i] = (byte)(((int)a.Conditions[i].Status * 2) + (a.Conditions[i].AffectsOutcome ? 1 : 0));
        }

        answer.DecisionId = a.DecisionId;
        answer.DecidedAtTicks = a.DecidedAt.UtcTicks;
        answer.AsOfDay = a.AsOf.DayNumber;
        answer.InterventionId = a.InterventionId;
        answer.CatalogRevision = a.CatalogRevision;
        answer.Outcome = (int)a.Outcome;
        answer.ConditionResults = UnsafeByteOperations.UnsafeWrap(results.AsMemory(0, a.Conditions.Count));
        Write(a.Facts, answer.Facts);
        var size = answer.CalculateSize();
        var encoded = encodedScratch ??= new byte[1024];
        if (size > encoded.Length)
        {
            encoded = encodedScratch = new byte[Math.Max(size, encoded.Length * 2)];
        }

        answer.WriteTo(encoded.AsSpan(0, size));
        return encoded.AsSpan(0, size);
    }

    /// <summary>
    /// The answers of a stored chunk that <paramref name="wanted"/> accepts (by decision id and insats), with their
    /// conditions or, for a period's questions, without.
    /// </summary>
    public static IEnumerable<DecisionLogEntry> Decode(string code, byte[] stored, Func<string, string, bool> wanted, bool withConditions)
    {
        var chunk = DecisionChunk.Parser.ParseFrom(stored);
        for (var n = 0; n < chunk.Answers.Count; n++)
        {
            var a = Answer.Parser.ParseFrom(chunk.Answers[n]);
            if (!wanted(a.DecisionId, a.InterventionId))
            {
                continue;
            }

            IReadOnlyList<ConditionRecord> conditions = [];
            if (withConditions)
            {
                var texts = chunk.ConditionSets[chunk.AnswerConditionSets[n]].Conditions;
                var results = a.ConditionResults;
                conditions = [.. texts.Select((c, i) => new ConditionRecord(c.Description, (ConditionStatus)(results[i] / 2), c.Source, (results[i] & 1) == 1))];
            }

            yield return new DecisionLogEntry(
                code,
                a.DecisionId,
                new DateTimeOffset(a.DecidedAtTicks, TimeSpan.Zero),
                DateOnly.FromDayNumber(a.AsOfDay),
                a.InterventionId,
                a.CatalogRevision,
                (Outcome)a.Outcome,
                conditions,
                Read(a.Facts));
        }
    }

    // The bands as messages, made once (the message of a band is only ever read).
    private static readonly Dictionary<AgeBand, Band> Bands = AgeBand.All.ToDictionary(b => b, b => new Band { From = b.From, To = b.To });

    private static Band BandOf(AgeBand band) => Bands.TryGetValue(band, out var known) ? known : new Band { From = band.From, To = band.To };

    private static void Write(FactProfile f, Profile p)
    {
        p.Age = f.Age is { } age ? BandOf(age) : null;
        p.ChildAge = f.ChildAge is { } childAge ? BandOf(childAge) : null;
        if (f.RegisteredMunicipality is { } registered) { p.RegisteredMunicipality = registered; } else { p.ClearRegisteredMunicipality(); }
        if (f.SchoolMunicipality is { } school) { p.SchoolMunicipality = school; } else { p.ClearSchoolMunicipality(); }
        if (f.ChildRegisteredMunicipality is { } childRegistered) { p.ChildRegisteredMunicipality = childRegistered; } else { p.ClearChildRegisteredMunicipality(); }
        if (f.ChildSchoolMunicipality is { } childSchool) { p.ChildSchoolMunicipality = childSchool; } else { p.ClearChildSchoolMunicipality(); }
        if (f.GuardianConsent is { } consent) { p.GuardianConsent = consent; } else { p.ClearGuardianConsent(); }
        if (f.GuardianInformed is { } informed) { p.GuardianInformed = informed; } else { p.ClearGuardianInformed(); }
        p.Attested.Clear();
        p.Attested.AddRange(f.Attested);
        p.Denied.Clear();
        p.Denied.AddRange(f.Denied);
        p.UncertainAttested.Clear();
        p.UncertainAttested.AddRange(f.UncertainAttested);
        p.Uncertain.Clear();
        foreach (var u in f.Uncertain)
        {
            p.Uncertain.Add((int)u);
        }
    }

    private static FactProfile Read(Profile p) => new(
        p.Age is { } age ? new AgeBand(age.From, age.To) : null,
        p.HasRegisteredMunicipality ? p.RegisteredMunicipality : null,
        p.HasSchoolMunicipality ? p.SchoolMunicipality : null,
        p.ChildAge is { } childAge ? new AgeBand(childAge.From, childAge.To) : null,
        p.HasChildRegisteredMunicipality ? p.ChildRegisteredMunicipality : null,
        p.HasChildSchoolMunicipality ? p.ChildSchoolMunicipality : null,
        p.HasGuardianConsent ? p.GuardianConsent : null,
        p.HasGuardianInformed ? p.GuardianInformed : null,
        [.. p.Attested],
        [.. p.Denied],
        [.. p.UncertainAttested],
        [.. p.Uncertain.Select(u => (UncertainFact)u)]);
}
