using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>One question a portal asks: its stable code, the kind of answer, the Facts field it fills, and its Swedish texts.</summary>
public sealed record FactQuestion(string Code, FactType Type, string Field, string Text, string Help);
