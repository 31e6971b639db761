using Google.Protobuf;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage.Format;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// The decision log's answers to and from their stored form (<c>Format/decision_chunk.proto</c>, protobuf): one kommun's
/// answers in a chunk, the insatser's ids and the conditions' descriptions and sources kept once per chunk, each answer
/// its results, its profile and indexes into those. Pure: no SQL here.
/// </summary>
internal static class DecisionChunks
{
    /// <summary>One chunk of answers, all of one kommun, in the order given.</summary>
    public static byte[] Encode(IReadOnlyList<DecisionLogEntry> answers)
    {
        var chunk = new DecisionChunk();
        var interventions = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = new Dictionary<ConditionSetKey, int>();
        foreach (var a in answers)
        {
            if (!interventions.TryGetValue(a.InterventionId, out var intervention))
            {
                intervention = interventions[a.InterventionId] = chunk.Interventions.Count;
                chunk.Interventions.Add(a.InterventionId);
            }

            var key = new ConditionSetKey(a.MunicipalityCode, a.Conditions);
            if (!sets.TryGetValue(key, out var set))
            {
                set = sets[key] = chunk.ConditionSets.Count;
                var texts = new Format.ConditionSet();
                texts.Conditions.AddRange(a.Conditions.Select(c => new ConditionText { Description = c.Description, Source = c.Source }));
                chunk.ConditionSets.Add(texts);
            }

            var results = new byte[a.Conditions.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = (byte)(((int)a.Conditions[i].Status * 2) + (a.Conditions[i].AffectsOutcome ? 1 : 0));
            }

            chunk.Answers.Add(new Answer
            {
                DecisionId = a.DecisionId,
                DecidedAtTicks = a.DecidedAt.UtcTicks,
                AsOfDay = a.AsOf.DayNumber,
                Intervention = intervention,
                CatalogRevision = a.CatalogRevision,
                Outcome = (int)a.Outcome,
                ConditionSet = set,
                ConditionResults = UnsafeByteOperations.UnsafeWrap(results),
                Facts = Write(a.Facts),
            });
        }

        return chunk.ToByteArray();
    }

    /// <summary>
    /// The answers of a stored chunk that <paramref name="wanted"/> accepts (by decision id and insats, before anything
    /// else is read), with their conditions or, for a period's questions, without.
    /// </summary>
    public static IEnumerable<DecisionLogEntry> Decode(string code, byte[] stored, Func<string, string, bool> wanted, bool withConditions)
    {
        var chunk = DecisionChunk.Parser.ParseFrom(stored);
        foreach (var a in chunk.Answers)
        {
            var intervention = chunk.Interventions[a.Intervention];
            if (!wanted(a.DecisionId, intervention))
            {
                continue;
            }

            IReadOnlyList<ConditionRecord> conditions = [];
            if (withConditions)
            {
                var texts = chunk.ConditionSets[a.ConditionSet].Conditions;
                var results = a.ConditionResults;
                conditions = [.. texts.Select((c, i) => new ConditionRecord(c.Description, (ConditionStatus)(results[i] / 2), c.Source, (results[i] & 1) == 1))];
            }

            yield return new DecisionLogEntry(
                code,
                a.DecisionId,
                new DateTimeOffset(a.DecidedAtTicks, TimeSpan.Zero),
                DateOnly.FromDayNumber(a.AsOfDay),
                intervention,
                a.CatalogRevision,
                (Outcome)a.Outcome,
                conditions,
                Read(a.Facts));
        }
    }

    private static Profile Write(FactProfile f)
    {
        var p = new Profile();
        if (f.Age is { } age)
        {
            p.Age = new Band { From = age.From, To = age.To };
        }

        if (f.ChildAge is { } childAge)
        {
            p.ChildAge = new Band { From = childAge.From, To = childAge.To };
        }

        if (f.RegisteredMunicipality is { } registered)
        {
            p.RegisteredMunicipality = registered;
        }

        if (f.SchoolMunicipality is { } school)
        {
            p.SchoolMunicipality = school;
        }

        if (f.ChildRegisteredMunicipality is { } childRegistered)
        {
            p.ChildRegisteredMunicipality = childRegistered;
        }

        if (f.ChildSchoolMunicipality is { } childSchool)
        {
            p.ChildSchoolMunicipality = childSchool;
        }

        if (f.GuardianConsent is { } consent)
        {
            p.GuardianConsent = consent;
        }

        if (f.GuardianInformed is { } informed)
        {
            p.GuardianInformed = informed;
        }

        p.Attested.AddRange(f.Attested);
        p.Denied.AddRange(f.Denied);
        p.UncertainAttested.AddRange(f.UncertainAttested);
        p.Uncertain.AddRange(f.Uncertain.Select(u => (int)u));
        return p;
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
