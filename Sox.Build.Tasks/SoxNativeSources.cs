using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Sox.Build.Tasks.Internal;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Plans the compile of the project's C sources (<c>SoxNativeSource</c> items): where each object and dependency
/// file goes (<c>obj/…/native/&lt;path relative to the project&gt;.o</c>, so <c>a/util.c</c> and <c>b/util.c</c> don't
/// collide) and what each object depends on — the source and, after a first compile, every header the compiler
/// listed in the object's <c>-MD</c> dependency file. The <c>SoxCompileNative</c> target batches over the result, so
/// MSBuild compares each object with its own inputs and recompiles only the stale ones.
/// </summary>
public sealed class SoxNativeSources : Task
{
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The folder for objects and dependency files (<c>obj/$(Configuration)/$(RuntimeIdentifier)/native/</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    public string ObjectExtension { get; set; } = ".o";

    /// <summary>
    /// One item per source (its full path) with metadata <c>ObjectFile</c>, <c>DependencyFile</c> and
    /// <c>Prerequisites</c> (<c>;</c>-separated: the source and the headers of its last compile).
    /// </summary>
    [Output]
    public ITaskItem[] Planned { get; private set; } = [];

    /// <summary>The objects, in the order of the sources (the link order).</summary>
    [Output]
    public ITaskItem[] Objects { get; private set; } = [];

    public override bool Execute()
    {
        var planned = new List<ITaskItem>();
        var seenObjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Sources)
        {
            var full = source.GetMetadata("FullPath");
            if (planned.Any(p => p.ItemSpec == full)) continue;
            var objectPath = ObjectPathFor(full);
            if (!seenObjects.Add(objectPath))
            {
                Log.LogError(null, "SOX6005", null, full, 0, 0, 0, 0,
                    "Two C sources would compile to the same object '{0}'. Rename one, or exclude it with <SoxNativeSource Remove=\"...\" />.", objectPath);
                continue;
            }
            var dependencyPath = Path.ChangeExtension(objectPath, ".d");
            var prerequisites = new List<string> { full };
            if (File.Exists(objectPath) && MakeDependencies.ReadPrerequisites(dependencyPath) is { } listed)
            {
                prerequisites.AddRange(listed.Select(p => Path.GetFullPath(p, ProjectDirectory)).Where(p => p != full));
            }
            var item = new TaskItem(full);
            source.CopyMetadataTo(item);
            item.SetMetadata("ObjectFile", objectPath);
            item.SetMetadata("DependencyFile", dependencyPath);
            item.SetMetadata("Prerequisites", string.Join(";", prerequisites.Distinct(StringComparer.Ordinal).Select(Escape)));
            planned.Add(item);
        }
        Planned = [.. planned];
        Objects = [.. planned.Select(p => (ITaskItem)new TaskItem(p.GetMetadata("ObjectFile")))];
        return !Log.HasLoggedErrors;
    }

    /// <summary><c>native/lib/util.o</c> for <c>lib/util.c</c>; a source outside the project folder goes to <c>native/_/&lt;hash&gt;/</c>.</summary>
    private string ObjectPathFor(string source)
    {
        var relative = Path.GetRelativePath(ProjectDirectory, source);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetDirectoryName(source) ?? ""))).ToLowerInvariant()[..8];
            relative = Path.Combine("_", hash, Path.GetFileName(source));
        }
        return Path.GetFullPath(Path.Combine(IntermediateDirectory, Path.ChangeExtension(relative, ObjectExtension)));
    }

    /// <summary>Metadata values are unescaped when MSBuild reads them; keep ';' and '%' in paths literal.</summary>
    private static string Escape(string path) => path.Replace("%", "%25").Replace(";", "%3B");
}
