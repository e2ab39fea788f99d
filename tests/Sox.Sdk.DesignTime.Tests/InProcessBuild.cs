using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Framework;
using Microsoft.Build.Logging;

namespace Sox.Sdk.DesignTime.Tests;

/// <summary>What one in-process build returned, in types of our own (so test methods never load Microsoft.Build).</summary>
public sealed record BuildOutcome(
    bool Success,
    string Log,
    IReadOnlyDictionary<string, IReadOnlyList<string>> EvaluatedItems,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TargetOutputs,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ItemsAfterBuild);

/// <summary>One UsingTask of a project, its attributes as the evaluated project expands them.</summary>
public sealed record EvaluatedUsingTask(string TaskName, string AssemblyFile, string TaskFactory, string Runtime);

/// <summary>What one evaluation returned: the properties asked for and the UsingTask elements of every import.</summary>
public sealed record EvaluationOutcome(IReadOnlyDictionary<string, string> Properties, IReadOnlyList<EvaluatedUsingTask> UsingTasks);

/// <summary>
/// Evaluates a project and builds targets on it inside the test host, with the global properties an IDE's
/// design-time build sets. Every Microsoft.Build type stays inside these methods (never inlined into callers), which
/// run only after <see cref="MSBuildRegistration.Ensure"/>.
/// </summary>
internal static class InProcessBuild
{
    /// <summary>The global properties Visual Studio and Rider set for a design-time build.</summary>
    public static readonly IReadOnlyDictionary<string, string> DesignTimeProperties = new Dictionary<string, string>
    {
        ["DesignTimeBuild"] = "true",
        ["BuildingInsideVisualStudio"] = "true",
        ["SkipCompilerExecution"] = "true",
        ["ProvideCommandLineArgs"] = "true",
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BuildOutcome Run(string projectPath, IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> globalProperties,
        IReadOnlyList<string> itemTypes, IReadOnlyList<string> propertyNames, IReadOnlyList<string>? afterBuildItemTypes = null)
    {
        var log = new StringBuilder();
        using var collection = new ProjectCollection(globalProperties.ToDictionary(p => p.Key, p => p.Value));
        var project = collection.LoadProject(projectPath);
        var items = itemTypes.ToDictionary(t => t, t => (IReadOnlyList<string>)project.GetItems(t).Select(i => i.EvaluatedInclude).ToList());
        var properties = propertyNames.ToDictionary(n => n, n => project.GetPropertyValue(n));

        var instance = project.CreateProjectInstance();
        var logger = new ConsoleLogger(LoggerVerbosity.Normal, text => log.Append(text), colorSet: null, colorReset: null);
        var success = instance.Build([.. targets], [logger], out var outputs);
        var results = outputs.ToDictionary(o => o.Key,
            o => (IReadOnlyList<string>)o.Value.Items.Select(i => i.ItemSpec).ToList(), StringComparer.OrdinalIgnoreCase);
        var afterBuild = (afterBuildItemTypes ?? []).ToDictionary(t => t, t => (IReadOnlyList<string>)instance.GetItems(t).Select(i => i.EvaluatedInclude).ToList());
        collection.UnloadAllProjects();
        return new BuildOutcome(success, log.ToString(), items, results, properties, afterBuild);
    }

    /// <summary>
    /// Evaluates a project only. MSBuild keeps the task registry private, so the UsingTask elements come from the
    /// imported files' XML, each attribute expanded by the evaluated project (as the task registry expands it).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EvaluationOutcome Evaluate(string projectPath, IReadOnlyDictionary<string, string> globalProperties, IReadOnlyList<string> propertyNames)
    {
        using var collection = new ProjectCollection(globalProperties.ToDictionary(p => p.Key, p => p.Value));
        var project = collection.LoadProject(projectPath);
        var properties = propertyNames.ToDictionary(n => n, n => project.GetPropertyValue(n));
        var usingTasks = project.Imports
            .SelectMany(i => i.ImportedProject.UsingTasks)
            .Select(u => new EvaluatedUsingTask(project.ExpandString(u.TaskName), project.ExpandString(u.AssemblyFile),
                project.ExpandString(u.TaskFactory), project.ExpandString(u.Runtime)))
            .ToList();
        collection.UnloadAllProjects();
        return new EvaluationOutcome(properties, usingTasks);
    }
}
