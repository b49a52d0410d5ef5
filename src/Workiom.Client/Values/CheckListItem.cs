namespace Workiom;

/// <summary>One item of a CheckList field (<c>{label, check}</c>).</summary>
public sealed record CheckListItem(string Label, bool Checked = false);
