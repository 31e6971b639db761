using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// The layering rules read from the compiled assemblies (System.Reflection.Metadata), not the source text: what a type
/// really uses, whatever usings, implicit usings or aliases brought it (issue 28). For every type of a namespace, every
/// type its signatures, fields, base types and method bodies (IL) reference:
/// - Domain uses no transport (gRPC, ASP.NET Core), no data access (Dapper, ADO.NET, the database clients) and no
///   clock (DateTime.Now/UtcNow, DateTimeOffset.Now/UtcNow, TimeProvider.System);
/// - Api does not use Storage (a call goes through Application);
/// - no service assembly references another service's.
/// Each rule is shown to fail on planted violations compiled into this test assembly (namespace *.Planted.*).
/// </summary>
public sealed class CompiledLayeringTests
{
    private static readonly string[] Services = ["Socialtjanst.Catalog", "Socialtjanst.Eligibility", "Socialtjanst.Documentation", "Socialtjanst.FollowUp"];

    private static readonly string[] NotInDomain =
    [
        "Grpc.", "Microsoft.AspNetCore.", "Dapper", "System.Data.", "Microsoft.Data.", "Npgsql", "Socialtjanst.Hosting.", "Socialtjanst.Data.",
    ];

    private static readonly string[] Clock =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow", "System.TimeProvider::get_System",
    ];

    private static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    public static TheoryData<string> ServiceAssemblies() => [.. Services.Concat(["Socialtjanst.Law", "Socialtjanst.IdentityNumbers", "Socialtjanst.NoteScanning", "Socialtjanst.Errors"])];

    [Theory]
    [MemberData(nameof(ServiceAssemblies))]
    public void Domain_UsesNoTransportDataAccessOrClock(string assembly)
    {
        var offending = DomainViolations(PathOf(assembly), ns => ns.Contains(".Domain", StringComparison.Ordinal) || !Services.Contains(assembly)).ToList();
        Assert.True(offending.Count == 0, "Domain uses what it may not:\n" + string.Join('\n', offending));
    }

    [Theory]
    [InlineData("Socialtjanst.Catalog")]
    [InlineData("Socialtjanst.Eligibility")]
    [InlineData("Socialtjanst.Documentation")]
    [InlineData("Socialtjanst.FollowUp")]
    public void Api_DoesNotCallStorage(string assembly)
    {
        var offending = ApiViolations(PathOf(assembly)).Select(v => $"{v.Type} uses {v.Used}").ToList();
        Assert.True(offending.Count == 0, "Api calls Storage (go through Application):\n" + string.Join('\n', offending));
    }

    [Theory]
    [InlineData("Socialtjanst.Catalog")]
    [InlineData("Socialtjanst.Eligibility")]
    [InlineData("Socialtjanst.Documentation")]
    [InlineData("Socialtjanst.FollowUp")]
    public void NoServiceReferencesAnother(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(PathOf(assembly)));
        var md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        Assert.DoesNotContain(references, r => r != assembly && Services.Contains(r));
    }

    /// <summary>Data access (Socialtjanst.Data) and settings stand apart from the transport: no gRPC, no ASP.NET Core.</summary>
    [Theory]
    [InlineData("Socialtjanst.Data")]
    [InlineData("Socialtjanst.Settings")]
    public void DataAccessAndSettings_ReferenceNoTransport(string assembly)
    {
        var transport = References(PathOf(assembly)).Where(IsTransport).ToList();
        Assert.True(transport.Count == 0, $"{assembly} references the transport: {string.Join(", ", transport)}");
        Assert.Contains(References(PathOf("Socialtjanst.Hosting")), IsTransport); // the check sees a transport reference where there is one
    }

    private static bool IsTransport(string reference) =>
        reference.StartsWith("Grpc.", StringComparison.Ordinal) || reference.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal);

    private static List<string> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        return [.. md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name))];
    }

    [Fact]
    public void PlantedViolations_AreFound()
    {
        var self = typeof(CompiledLayeringTests).Assembly.Location;
        var domain = DomainViolations(self, ns => ns.EndsWith(".Planted.Domain", StringComparison.Ordinal)).ToList();
        Assert.Contains(domain, v => v.Contains("Grpc.Core.Status", StringComparison.Ordinal));
        Assert.Contains(domain, v => v.Contains("System.DateTime::get_UtcNow", StringComparison.Ordinal));
        Assert.Contains(domain, v => v.Contains("System.Data.", StringComparison.Ordinal));
        Assert.Contains(domain, v => v.Contains("Socialtjanst.Hosting.", StringComparison.Ordinal));
        Assert.Contains(ApiViolations(self), v => v.Type.EndsWith(".Planted.Api.PlantedApi", StringComparison.Ordinal));
        using var pe = new PEReader(File.OpenRead(self));
        var md = pe.GetMetadataReader();
        Assert.Contains(md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)), Services.Contains); // this assembly references services: found
    }

    private static IEnumerable<string> DomainViolations(string path, Func<string, bool> inScope) =>
        Uses(path).Where(u => inScope(u.Namespace))
            .SelectMany(u => u.Used.Where(used => NotInDomain.Any(p => used.StartsWith(p, StringComparison.Ordinal)) || Clock.Contains(used)).Select(used => $"{u.Type} uses {used}"))
            .Distinct();

    private static IEnumerable<(string Type, string Used)> ApiViolations(string path) =>
        Uses(path).Where(u => u.Namespace.EndsWith(".Api", StringComparison.Ordinal))
            .SelectMany(u => u.Used.Where(used => used.Contains(".Storage.", StringComparison.Ordinal)).Select(used => (u.Type, used)))
            .Distinct();

    /// <summary>Each type of the assembly with everything it references: base type, interfaces, fields, signatures, and the types and members its IL names.</summary>
    private static List<(string Namespace, string Type, HashSet<string> Used)> Uses(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var names = new Names(md);
        var result = new List<(string, string, HashSet<string>)>();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var ns = NamespaceOf(md, type);
            var used = new HashSet<string>(StringComparer.Ordinal);
            if (!type.BaseType.IsNil)
            {
                used.Add(names.Of(type.BaseType));
            }

            foreach (var i in type.GetInterfaceImplementations())
            {
                used.Add(names.Of(md.GetInterfaceImplementation(i).Interface));
            }

            foreach (var f in type.GetFields())
            {
                used.UnionWith(names.InSignature(md.GetFieldDefinition(f).DecodeSignature(names, null)));
            }

            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                var signature = method.DecodeSignature(names, null);
                used.UnionWith(names.InSignature(signature.ReturnType));
                foreach (var p in signature.ParameterTypes)
                {
                    used.UnionWith(names.InSignature(p));
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    used.UnionWith(IlTokens(pe.GetMethodBody(method.RelativeVirtualAddress)).Select(names.OfToken).Where(n => n.Length > 0));
                }
            }

            result.Add((ns, Full(md, type), used));
        }

        return result;
    }

    private static string NamespaceOf(MetadataReader md, TypeDefinition type)
    {
        // A nested type (a lambda's closure, a state machine) is in its outermost type's namespace.
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
        }

        return md.GetString(type.Namespace);
    }

    private static string Full(MetadataReader md, TypeDefinition type)
    {
        var name = md.GetString(type.Name);
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
            name = md.GetString(type.Name) + "+" + name;
        }

        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The metadata tokens the IL names (calls, field loads, type tokens, newobj).</summary>
    private static IEnumerable<int> IlTokens(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var op = il.ReadByte();
            var code = op == 0xFE ? 0xFE00 | il.ReadByte() : op;
            switch (OperandSize(code))
            {
                case -1: // switch
                    var n = il.ReadInt32();
                    il.Offset += 4 * n;
                    break;
                case -4: // a token
                    yield return il.ReadInt32();
                    break;
                case var size:
                    il.Offset += size;
                    break;
            }
        }
    }

    // Operand sizes of the CIL opcodes (ECMA-335 III); -4 marks a metadata token.
    private static int OperandSize(int code) => code switch
    {
        0x20 or 0x22 or 0x38 or 0x39 or 0x3A or 0x3B or 0x3C or 0x3D or 0x3E or 0x3F or 0x40 or 0x41 or 0x42 or 0x43 or 0x44 or 0xDD => 4, // ldc.i4, ldc.r4, long branches, leave
        0x21 or 0x23 => 8, // ldc.i8, ldc.r8
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or 0x2B or 0x2C or 0x2D or 0x2E or 0x2F or 0x30 or 0x31 or 0x32 or 0x33 or 0x34 or 0x35 or 0x36 or 0x37 or 0xDE => 1, // short forms
        0x45 => -1, // switch
        0x27 or 0x28 or 0x29 or 0x6F or 0x70 or 0x71 or 0x72 or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E or 0x7F or 0x80 or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 => -4,
        0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => -4, // ldftn, ldvirtftn, initobj, constrained., sizeof
        0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E => 2, // ldarg, ldarga, starg, ldloc, ldloca, stloc
        0xFE12 or 0xFE19 => 1, // unaligned., no.
        _ => 0,
    };

    /// <summary>Type and member names from handles, tokens and signatures.</summary>
    private sealed class Names(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string Of(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeReference => OfRef((TypeReferenceHandle)handle),
            HandleKind.TypeDefinition => Full(md, md.GetTypeDefinition((TypeDefinitionHandle)handle)),
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            _ => "",
        };

        public string OfToken(int token)
        {
            EntityHandle handle;
            try
            {
                handle = MetadataTokens.EntityHandle(token);
            }
            catch (ArgumentException)
            {
                return ""; // a string token (ldstr)
            }

            return handle.Kind switch
            {
                HandleKind.MemberReference => Member(md.GetMemberReference((MemberReferenceHandle)handle)),
                HandleKind.MethodDefinition => OfDefinition(md.GetMethodDefinition((MethodDefinitionHandle)handle)),
                HandleKind.FieldDefinition => Full(md, md.GetTypeDefinition(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())),
                HandleKind.MethodSpecification => OfToken(MetadataTokens.GetToken(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method)),
                HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification => Of(handle),
                _ => "",
            };
        }

        public IEnumerable<string> InSignature(string signature) =>
            signature.Split(['<', '>', ',', '[', ']', '*', '&', ' '], StringSplitOptions.RemoveEmptyEntries);

        private string OfDefinition(MethodDefinition method) => Full(md, md.GetTypeDefinition(method.GetDeclaringType()));

        private string Member(MemberReference member)
        {
            var parent = Of(member.Parent);
            return $"{parent}::{md.GetString(member.Name)}";
        }

        private string OfRef(TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            var name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return OfRef((TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            var ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => $"{genericType}<{string.Join(",", typeArguments)}>";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Full(reader, reader.GetTypeDefinition(handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => OfRef(handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
