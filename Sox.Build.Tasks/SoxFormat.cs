using Microsoft.Build.Framework;
using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// <c>dotnet build -t:SoxFormat</c>: formats the project's <c>.sox</c> files as <c>sox fmt</c> does (the same
/// <see cref="SourceFormatter"/>). With <see cref="Check"/> it changes nothing and reports each file that is not
/// formatted as SOX6011, so a CI build fails on it; a file with syntax errors gets its errors and stays as it is.
/// </summary>
public sealed class SoxFormat : Task
{
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    /// <summary>Report instead of rewriting (<c>SoxFormatCheck=true</c>).</summary>
    public bool Check { get; set; }

    public override bool Execute()
    {
        foreach (var item in Sources)
        {
            var path = item.GetMetadata("FullPath");
            var original = File.ReadAllText(path);
            var result = SourceFormatter.Format(new SourceText(path, original));
            if (result.Text is null)
            {
                foreach (var d in result.Diagnostics.Where(d => d.IsError))
                {
                    Log.LogError(null, d.Code, null, path, d.Location.Line, d.Location.Column, 0, 0, "{0}", d.Message);
                }
                continue;
            }
            if (result.Text == original) continue;
            if (Check)
                Log.LogError(null, "SOX6011", null, path, 0, 0, 0, 0, "The file is not formatted. Run 'dotnet build -t:SoxFormat' or 'sox fmt' to format it.");
            else
            {
                File.WriteAllText(path, result.Text);
                Log.LogMessage(MessageImportance.High, "Formatted {0}", path);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
