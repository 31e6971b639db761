using System.Collections.Frozen;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// The questions of a kommun's catalog on a day, and the question behind each missing fact of an answer:
/// from the catalog copy in memory, never a call to the Catalog.
/// </summary>
public static class Questionnaire
{
    // The questions depend on nothing but the catalog version, the day and the insats: made once per
    // snapshot and key, then shared (never changed after they are made, so concurrent answers can serialize them).
    private static readonly PerSnapshot<(DateOnly AsOf, string Intervention), ListQuestionsResponse> Made = new();

    // The fact codes the day's direct-access insatser read, per snapshot and day (what facts.attested may name).
    private static readonly PerSnapshot<DateOnly, FrozenSet<string>> Known = new();

    /// <summary>The questions of the day's direct-access insatser (or of one insats) in the snapshot, with its revision.</summary>
    public static ListQuestionsResponse Of(CatalogSnapshot snapshot, string intervention, DateOnly asOf, Func<IEnumerable<Intervention>> insatser) =>
        Made.Get(snapshot, (asOf, intervention), insatser, static (snapshot, key, insatser) =>
        {
            var rules = snapshot.RulesInForce(key.AsOf);
            var response = For(insatser(), key.AsOf, rules?.MunicipalityDisplayName ?? "");
            response.CatalogRevision = snapshot.Revision;
            response.Contact = rules?.Contact;
            return response;
        });

    public static ListQuestionsResponse For(IEnumerable<Intervention> insatser, DateOnly asOf, string municipalityName)
    {
        var byCode = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var iv in insatser)
        {
            var descriptions = EligibilityEvaluator.Facts(iv, municipalityName);
            foreach (var (field, condition, source, onlyWhen) in EligibilityEvaluator.Asks(iv, asOf, municipalityName))
            {
                var asked = FactQuestions.For(field, descriptions);
                if (!byCode.TryGetValue(asked.Code, out var question))
                {
                    question = new Question { Code = asked.Code, Type = asked.Type, Field = asked.Field, Text = asked.Text, Help = asked.Help };
                    byCode.Add(asked.Code, question);
                }

                if (!question.Uses.Any(u => u.Intervention == iv.Name && u.Condition == condition))
                {
                    question.Uses.Add(new QuestionUse { Intervention = iv.Name, DisplayName = iv.DisplayName, Condition = condition, Source = source, OnlyWhen = onlyWhen });
                }
            }
        }

        var response = new ListQuestionsResponse { AsOf = Type.V1.Date.From(asOf) };
        response.Questions.AddRange(byCode.Values.OrderBy(q => FactQuestions.Rank(q.Code)).ThenBy(q => q.Code, StringComparer.Ordinal));
        return response;
    }

    /// <summary>
    /// True when every code is a fact some direct-access insats of the snapshot reads on the day: what facts.attested may
    /// name. The codes of a snapshot's day are gathered once (a check that names attested facts paid ~0.6 µs and ~0.8 KB
    /// gathering them again: bench/README.md), kept with the snapshot like its questions (PerSnapshot).
    /// </summary>
    public static bool AllAsked(CatalogSnapshot snapshot, DateOnly asOf, IEnumerable<string> codes)
    {
        var asked = Known.Get(snapshot, asOf, 0, static (snapshot, asOf, _) =>
            FactCodes(snapshot.ListInForce(asOf, Access.Direct), snapshot.RulesInForce(asOf)?.MunicipalityDisplayName ?? ""));
        foreach (var code in codes)
        {
            if (!asked.Contains(code))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The fact codes the insatser read: what facts.attested may name when they are the day's direct-access ones.</summary>
    public static FrozenSet<string> FactCodes(IEnumerable<Intervention> insatser, string municipalityName) =>
        insatser.SelectMany(iv => EligibilityEvaluator.Facts(iv, municipalityName).Keys).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Each missing field of an answer with the question that asks for it.</summary>
    public static IEnumerable<MissingFact> Missing(IEnumerable<string> fields, Intervention iv, string municipalityName)
    {
        var descriptions = EligibilityEvaluator.Facts(iv, municipalityName);
        return fields.Select(f => FactQuestions.For(f, descriptions)).Select(q => new MissingFact { Code = q.Code, Field = q.Field, Question = q.Text });
    }

    /// <summary>
    /// Values made from one catalog snapshot and kept with it, per key: a new catalog version starts empty, and a
    /// snapshot no longer used takes its values with it. At most <see cref="MaxKeys"/> a snapshot (the keys hold a day,
    /// the caller's choice); past that a value is made and not kept.
    /// </summary>
    private sealed class PerSnapshot<TKey, TValue>
        where TKey : notnull
    {
        private const int MaxKeys = 1000;
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CatalogSnapshot, System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>> kept = new();

        public TValue Get<TState>(CatalogSnapshot snapshot, TKey key, TState state, Func<CatalogSnapshot, TKey, TState, TValue> make)
        {
            var values = kept.GetValue(snapshot, static _ => new());
            if (values.TryGetValue(key, out var value))
            {
                return value;
            }

            value = make(snapshot, key, state);
            return values.Count < MaxKeys ? values.GetOrAdd(key, value) : value;
        }
    }
}
