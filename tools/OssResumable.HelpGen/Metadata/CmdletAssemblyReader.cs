using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OssResumable.HelpGen.Metadata;

/// <summary>
/// Reads the cmdlets of an assembly from its metadata alone (System.Reflection.Metadata): no
/// PowerShell runtime, no loading of the assembly. Used by the help generator and by the tests that
/// check verbs, the manifest and pipeline bindings.
/// </summary>
public static class CmdletAssemblyReader
{
    private const string Sma = "System.Management.Automation.";

    /// <summary>Reads every class carrying <c>[Cmdlet]</c>, with parameters from the class and its base classes in the same assembly.</summary>
    /// <param name="assemblyPath">The assembly file.</param>
    /// <returns>The cmdlets, sorted by name.</returns>
    public static IReadOnlyList<CmdletMetadata> Read(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var cmdlets = new List<CmdletMetadata>();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            CustomAttribute? cmdlet = Find(reader, type.GetCustomAttributes(), Sma + "CmdletAttribute");
            if (cmdlet is null)
            {
                continue;
            }

            CustomAttributeValue<string> value = cmdlet.Value.DecodeValue(NameTypeProvider.Instance);
            var outputTypes = new List<string>();
            foreach (CustomAttributeHandle attributeHandle in type.GetCustomAttributes())
            {
                CustomAttribute attribute = reader.GetCustomAttribute(attributeHandle);
                if (NameTypeProvider.AttributeTypeName(reader, attribute) == Sma + "OutputTypeAttribute")
                {
                    foreach (CustomAttributeTypedArgument<string> argument in attribute.DecodeValue(NameTypeProvider.Instance).FixedArguments)
                    {
                        outputTypes.AddRange(NameTypeProvider.Strings(argument));
                    }
                }
            }

            cmdlets.Add(new CmdletMetadata
            {
                ClassName = NameTypeProvider.FullName(reader, handle),
                Verb = (string)value.FixedArguments[0].Value!,
                Noun = (string)value.FixedArguments[1].Value!,
                DefaultParameterSetName = Named(value, "DefaultParameterSetName") as string,
                SupportsShouldProcess = Named(value, "SupportsShouldProcess") is true,
                ConfirmImpact = Named(value, "ConfirmImpact") as int?,
                OutputTypes = outputTypes,
                Parameters = ReadParameters(reader, handle),
            });
        }

        return cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static List<ParameterMetadata> ReadParameters(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var parameters = new List<ParameterMetadata>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        TypeDefinitionHandle current = handle;
        while (!current.IsNil)
        {
            TypeDefinition type = reader.GetTypeDefinition(current);
            string declaring = NameTypeProvider.FullName(reader, current);
            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = reader.GetPropertyDefinition(propertyHandle);
                string name = reader.GetString(property.Name);
                ParameterMetadata? parameter = ReadParameter(reader, property, name, declaring);
                if (parameter is not null && seen.Add(name))
                {
                    parameters.Add(parameter);
                }
            }

            current = type.BaseType.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)type.BaseType : default;
        }

        return parameters;
    }

    private static ParameterMetadata? ReadParameter(MetadataReader reader, PropertyDefinition property, string name, string declaring)
    {
        var sets = new List<ParameterSetBinding>();
        var aliases = new List<string>();
        var validateSet = new List<string>();
        bool wildcards = false;
        foreach (CustomAttributeHandle attributeHandle in property.GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(attributeHandle);
            string attributeType = NameTypeProvider.AttributeTypeName(reader, attribute);
            switch (attributeType)
            {
                case Sma + "ParameterAttribute":
                {
                    CustomAttributeValue<string> value = attribute.DecodeValue(NameTypeProvider.Instance);
                    sets.Add(new ParameterSetBinding
                    {
                        SetName = Named(value, "ParameterSetName") as string ?? ParameterSetBinding.AllSets,
                        Mandatory = Named(value, "Mandatory") is true,
                        Position = Named(value, "Position") as int?,
                        ValueFromPipeline = Named(value, "ValueFromPipeline") is true,
                        ValueFromPipelineByPropertyName = Named(value, "ValueFromPipelineByPropertyName") is true,
                    });
                    break;
                }

                case Sma + "AliasAttribute":
                    foreach (CustomAttributeTypedArgument<string> argument in attribute.DecodeValue(NameTypeProvider.Instance).FixedArguments)
                    {
                        aliases.AddRange(NameTypeProvider.Strings(argument));
                    }

                    break;
                case Sma + "ValidateSetAttribute":
                    foreach (CustomAttributeTypedArgument<string> argument in attribute.DecodeValue(NameTypeProvider.Instance).FixedArguments)
                    {
                        validateSet.AddRange(NameTypeProvider.Strings(argument));
                    }

                    break;
                case Sma + "SupportsWildcardsAttribute":
                    wildcards = true;
                    break;
            }
        }

        if (sets.Count == 0)
        {
            return null;
        }

        MethodSignature<string> signature = property.DecodeSignature(NameTypeProvider.Instance, null);
        return new ParameterMetadata
        {
            Name = name,
            TypeName = signature.ReturnType,
            DeclaringType = declaring,
            Sets = sets,
            Aliases = aliases,
            SupportsWildcards = wildcards,
            ValidateSet = validateSet,
        };
    }

    private static CustomAttribute? Find(MetadataReader reader, CustomAttributeHandleCollection attributes, string typeName)
    {
        foreach (CustomAttributeHandle handle in attributes)
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (NameTypeProvider.AttributeTypeName(reader, attribute) == typeName)
            {
                return attribute;
            }
        }

        return null;
    }

    private static object? Named(CustomAttributeValue<string> value, string name)
    {
        foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments)
        {
            if (argument.Name == name)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
