using Microsoft.Extensions.Caching.Memory;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Answers;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Eligibility.Api;

/// <summary>
/// The shapes of the checks' answers: answers equal in everything but their decision id share one shape, so its JSON (over
/// REST, <see cref="ShapedAnswers"/>) and its protobuf (over gRPC, <see cref="KeptMessages"/>) are written once each. An
/// answer names its insats with its kommun (`municipalities/2514/interventions/…`) and its catalog revision, so a shape
/// is one kommun's and one catalog version's; equal answers are the same answer, whichever call made them first. A
/// replica keeps at most <see cref="MaxShapes"/> (each ~1.5 KB of answer, ~2 KB of JSON and ~1.2 KB of protobuf when
/// both faces asked), the least used going first, and forgets a shape not asked for in <see cref="Unused"/>; an answer
/// whose shape is not kept is written whole, as before. The answers hold no fact of the person (only the insats'
/// conditions and their results).
/// </summary>
public static class CheckShapes
{
    /// <summary>Shapes a replica keeps: far more than the shapes in use of every insats of 290 kommuner at once.</summary>
    public const int MaxShapes = 4096;

    /// <summary>A shape not asked for this long is forgotten.</summary>
    public static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);

    private static readonly MemoryCache Shapes = new(new MemoryCacheOptions { SizeLimit = MaxShapes });

    /// <summary>The marshaller of the checks' gRPC answers: an answer of a kept shape is written from its bytes.</summary>
    public static readonly Grpc.Core.Marshaller<CheckEligibilityResponse> Marshaller =
        KeptMessages.Marshaller<CheckEligibilityResponse>(answer => (Of(answer).Protobuf, answer.DecisionId));

    /// <summary>The forms of an answer's shape (looked up as the answer is but for its decision id; kept when there is room).</summary>
    public static Shape Of(CheckEligibilityResponse answer)
    {
        var id = answer.DecisionId;
        answer.DecisionId = ""; // looked up without it, and put back at once
        try
        {
            if (Shapes.TryGetValue(new Key(answer), out Shape? shape) && shape is not null)
            {
                return shape;
            }

            shape = new Shape(new ShapedAnswers.Form(), new KeptMessages.Form());
            using (var entry = Shapes.CreateEntry(new Key(answer.Clone())))
            {
                entry.Size = 1;
                entry.SlidingExpiration = Unused;
                entry.Value = shape;
            }

            return shape;
        }
        finally
        {
            answer.DecisionId = id;
        }
    }

    /// <summary>A shape's JSON and protobuf, each kept when its face first wrote an answer of the shape.</summary>
    public sealed record Shape(ShapedAnswers.Form Json, KeptMessages.Form Protobuf);

    /// <summary>
    /// An answer without its decision id. Equal answers are equal messages, every field compared; the hash reads only what
    /// tells answers apart cheaply (hashing every text of an answer on every call cost more than the shape saved).
    /// </summary>
    private sealed class Key(CheckEligibilityResponse answer) : IEquatable<Key>
    {
        private readonly CheckEligibilityResponse answer = answer;

        public bool Equals(Key? other) => other is not null && answer.Equals(other.answer);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(answer.Intervention);
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
