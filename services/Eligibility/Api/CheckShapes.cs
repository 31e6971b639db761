using Microsoft.Extensions.Caching.Memory;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Eligibility.Api;

/// <summary>
/// The shapes of the checks' answers over REST (<see cref="ShapedAnswers"/>): answers of one insats of one catalog version
/// that are equal in everything but their decision id share one shape, so its JSON is written once. A replica keeps at
/// most <see cref="MaxShapes"/> (each ~2 KB of JSON and the answer it keys), the least used going first, and forgets a
/// shape not asked for in <see cref="Unused"/>; an answer whose shape is not kept is written by transcoding, as before.
/// The answers hold no fact of the person (only the insats' conditions and their results), and the key holds the insats
/// of one kommun's catalog version, so a shape is never another kommun's.
/// </summary>
public static class CheckShapes
{
    /// <summary>Shapes a replica keeps: far more than the shapes in use of every insats of 290 kommuner at once.</summary>
    public const int MaxShapes = 4096;

    /// <summary>A shape not asked for this long is forgotten.</summary>
    public static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);

    private static readonly MemoryCache Shapes = new(new MemoryCacheOptions { SizeLimit = MaxShapes });

    /// <summary>The form of an answer's shape (null when none is kept and there is no room).</summary>
    public static ShapedAnswers.Form? Of(Intervention iv, CheckEligibilityResponse answer)
    {
        var id = answer.DecisionId;
        answer.DecisionId = ""; // looked up without it, and put back at once
        try
        {
            if (Shapes.TryGetValue(new Key(iv, answer), out ShapedAnswers.Form? form))
            {
                return form;
            }

            form = new ShapedAnswers.Form();
            using (var entry = Shapes.CreateEntry(new Key(iv, answer.Clone())))
            {
                entry.Size = 1;
                entry.SlidingExpiration = Unused;
                entry.Value = form;
            }

            return form;
        }
        finally
        {
            answer.DecisionId = id;
        }
    }

    /// <summary>
    /// An insats (the very message of its catalog version) and an answer without its decision id. Equal answers are equal
    /// messages, every field compared; the hash reads only what tells one insats' answers apart cheaply (hashing every
    /// text of an answer on every call cost more than the shape saved).
    /// </summary>
    private sealed class Key(Intervention iv, CheckEligibilityResponse answer) : IEquatable<Key>
    {
        private readonly Intervention iv = iv;
        private readonly CheckEligibilityResponse answer = answer;

        public bool Equals(Key? other) => other is not null && ReferenceEquals(iv, other.iv) && answer.Equals(other.answer);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(iv));
            hash.Add(answer.Outcome);
            hash.Add(answer.CatalogRevision);
            hash.Add(answer.AsOf?.Year);
            hash.Add(answer.AsOf?.Month);
            hash.Add(answer.AsOf?.Day);
            hash.Add(answer.CatalogMayBeStale);
            hash.Add(answer.Explanation.Length);
            hash.Add(answer.MissingFacts.Count);
            foreach (var condition in answer.Conditions)
            {
                hash.Add(condition.Status);
                hash.Add(condition.AffectsOutcome);
                hash.Add(condition.Explanation.Length);
            }

            return hash.ToHashCode();
        }
    }
}
