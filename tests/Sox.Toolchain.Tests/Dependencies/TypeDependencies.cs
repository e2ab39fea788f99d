using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Sox.Toolchain.Tests.Dependencies;

/// <summary>
/// Every type each type definition of an assembly uses, read from its metadata: base type, interfaces, generic
/// constraints, field, method, property and event signatures, custom attributes, locals, catch types, and every
/// type, method and field token in the method bodies (with the generic arguments of each). A nested type's uses
/// count as its outermost type's — the compiler's closures and state machines are nested in the type whose code
/// they hold. Reads the file, so it sees what the compiler emitted, not what the source seems to say.
/// </summary>
internal sealed class TypeDependencies
{
    private readonly PEReader _pe;
    private readonly MetadataReader _md;
    private readonly SignatureNames _names;

    private TypeDependencies(PEReader pe)
    {
        _pe = pe;
        _md = pe.GetMetadataReader();
        _names = new SignatureNames(this);
    }

    /// <summary>(user, used) pairs of full type names (nested types as <c>Outer+Inner</c>), each once.</summary>
    public static IReadOnlySet<(string From, string To)> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = new TypeDependencies(pe);
        var edges = new HashSet<(string, string)>();
        foreach (var handle in reader._md.TypeDefinitions)
        {
            var from = reader.Name(Outermost(reader._md, handle));
            foreach (var to in reader.UsesOf(handle)) edges.Add((from, to));
        }
        return edges;
    }

    private static TypeDefinitionHandle Outermost(MetadataReader md, TypeDefinitionHandle handle)
    {
        while (md.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer) handle = outer;
        return handle;
    }

    private IEnumerable<string> UsesOf(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        if (!type.BaseType.IsNil) foreach (var n in OfType(type.BaseType)) yield return n;
        foreach (var i in type.GetInterfaceImplementations()) foreach (var n in OfType(_md.GetInterfaceImplementation(i).Interface)) yield return n;
        foreach (var n in OfGenericParameters(type.GetGenericParameters())) yield return n;
        foreach (var n in OfAttributes(type.GetCustomAttributes())) yield return n;
        foreach (var f in type.GetFields())
        {
            var field = _md.GetFieldDefinition(f);
            foreach (var n in field.DecodeSignature(_names, null)) yield return n;
            foreach (var n in OfAttributes(field.GetCustomAttributes())) yield return n;
        }
        foreach (var p in type.GetProperties())
        {
            var property = _md.GetPropertyDefinition(p);
            foreach (var n in OfMethodSignature(property.DecodeSignature(_names, null))) yield return n;
            foreach (var n in OfAttributes(property.GetCustomAttributes())) yield return n;
        }
        foreach (var e in type.GetEvents()) foreach (var n in OfType(_md.GetEventDefinition(e).Type)) yield return n;
        foreach (var m in type.GetMethods()) foreach (var n in OfMethod(m)) yield return n;
    }

    private IEnumerable<string> OfMethod(MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        foreach (var n in OfMethodSignature(method.DecodeSignature(_names, null))) yield return n;
        foreach (var n in OfAttributes(method.GetCustomAttributes())) yield return n;
        foreach (var n in OfGenericParameters(method.GetGenericParameters())) yield return n;
        foreach (var p in method.GetParameters()) foreach (var n in OfAttributes(_md.GetParameter(p).GetCustomAttributes())) yield return n;
        if (method.RelativeVirtualAddress == 0) yield break;

        var body = _pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, null))
                foreach (var n in local) yield return n;
        }
        foreach (var region in body.ExceptionRegions)
        {
            if (!region.CatchType.IsNil) foreach (var n in OfType(region.CatchType)) yield return n;
        }
        foreach (var token in Tokens(body.GetILBytes() ?? [])) foreach (var n in OfToken(token)) yield return n;
    }

    /// <summary>The metadata tokens that the method body's instructions carry (calls, field accesses, type operands).</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[i++]));
            var operand = OperandTypes[value];
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                default:
                    i += OperandSize(operand);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>Every IL opcode's operand kind, from <see cref="OpCodes"/> (so no table is typed in by hand).</summary>
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .GroupBy(o => o.Value)
        .ToDictionary(g => g.Key, g => g.First().OperandType);

    private IEnumerable<string> OfToken(int token)
    {
        var handle = MetadataTokens.EntityHandle(token);
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                return OfType(handle);
            case HandleKind.MethodDefinition:
            {
                var method = _md.GetMethodDefinition((MethodDefinitionHandle)handle);
                return OfType(method.GetDeclaringType()).Concat(OfMethodSignature(method.DecodeSignature(_names, null)));
            }
            case HandleKind.FieldDefinition:
            {
                var field = _md.GetFieldDefinition((FieldDefinitionHandle)handle);
                return OfType(field.GetDeclaringType()).Concat(field.DecodeSignature(_names, null));
            }
            case HandleKind.MemberReference:
                return OfMemberReference((MemberReferenceHandle)handle);
            case HandleKind.MethodSpecification:
            {
                var spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return OfToken(MetadataTokens.GetToken(spec.Method)).Concat(spec.DecodeSignature(_names, null).SelectMany(a => a));
            }
            case HandleKind.StandaloneSignature:
                return OfMethodSignature(_md.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(_names, null));
            default:
                return [];
        }
    }

    private IEnumerable<string> OfMemberReference(MemberReferenceHandle handle)
    {
        var member = _md.GetMemberReference(handle);
        var parent = member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification
            ? OfType(member.Parent)
            : member.Parent.Kind == HandleKind.MethodDefinition ? OfToken(MetadataTokens.GetToken(member.Parent)) : [];
        var signature = member.GetKind() == MemberReferenceKind.Method
            ? OfMethodSignature(member.DecodeMethodSignature(_names, null))
            : member.DecodeFieldSignature(_names, null);
        return parent.Concat(signature);
    }

    private IEnumerable<string> OfAttributes(CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => OfToken(MetadataTokens.GetToken(_md.GetCustomAttribute(a).Constructor)));

    private IEnumerable<string> OfGenericParameters(GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(p => _md.GetGenericParameter(p).GetConstraints())
            .SelectMany(c => OfType(_md.GetGenericParameterConstraint(c).Type));

    private static IEnumerable<string> OfMethodSignature(MethodSignature<ImmutableArray<string>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

    /// <summary>The types a type handle names: itself, or for a constructed type its generic type and arguments.</summary>
    internal ImmutableArray<string> OfType(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => [Name((TypeDefinitionHandle)handle)],
        HandleKind.TypeReference => [Name((TypeReferenceHandle)handle)],
        HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_names, null),
        _ => [],
    };

    internal string Name(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        var name = _md.GetString(type.Name);
        var outer = type.GetDeclaringType();
        if (!outer.IsNil) return Name(outer) + "+" + name;
        var ns = _md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    internal string Name(TypeReferenceHandle handle)
    {
        var type = _md.GetTypeReference(handle);
        var name = _md.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference) return Name((TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        var ns = _md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Decodes signatures into the names of the types they mention (generic arguments, array elements, …).</summary>
    private sealed class SignatureNames(TypeDependencies owner) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [owner.Name(handle)];

        public ImmutableArray<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [owner.Name(handle)];

        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            owner.OfType(handle);

        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(a => a));

        public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) => [.. OfMethodSignature(signature)];

        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) =>
            unmodifiedType.AddRange(modifier);
    }
}
