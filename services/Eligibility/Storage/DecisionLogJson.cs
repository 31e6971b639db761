using System.Text.Json.Serialization;
using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>How a logged answer's conditions and facts are kept in their columns (System.Text.Json, generated; enums by number, as in the protos).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConditionRecord[]))]
[JsonSerializable(typeof(FactProfile))]
internal sealed partial class DecisionLogJson : JsonSerializerContext;
