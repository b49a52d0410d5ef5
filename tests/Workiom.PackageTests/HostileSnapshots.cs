using static Workiom.PackageTests.FieldSnapshot;

namespace Workiom.PackageTests;

/// <summary>
/// Snapshots whose list, field and option names, descriptions and ids are what a hostile or careless tenant
/// can type in Workiom's UI or send from its server. Each goes into the consumer of the packed package, which
/// must build with nullable on, documentation on and warnings as errors, and whose program checks that every
/// name reached the generated code exactly (see Consumer/Program.cs).
/// One entry per snapshot file; a snapshot that <see cref="SnapshotFile.List"/> cannot write (invalid UTF-16,
/// for one) can be given as its raw text: <c>new SnapshotFile("name.json", """{"result": {...}}""")</c>.
/// </summary>
public static class HostileSnapshots
{
    public static readonly IReadOnlyList<SnapshotFile> All =
    [
        SnapshotFile.List("hostile-markup.json", "hostile-markup", "Quotes \"double\" 'single' \\back\\slash\\ */ </summary> <![CDATA[ & ]]>", "Ends a CDATA ]]> and has entities &amp; & < > </summary> */ \"quoted\" \\ /* #if DEBUG",
            Text(7001, "He said \"hi\" \\n \\u0041 \\", "A field description with ]]> & <b>bold</b> \"quoted\" */ /*"),
            Text(7002, "C:\\temp\\new\\"),
            Text(7003, "*/ #if DEBUG"),
            Text(7004, "</summary><remarks>"),
            Text(7005, "line one\n#if false\n#error injected\r\n#endif"),
            Text(7006, "unicode\u2028line\u2029separators\u0085and next line"),
            Text(7007, "/* open comment"),
            Text(7008, "// trailing comment"),
            Text(7009, "{interpolation} {{braces}} $\"x\" @\"verbatim\" \"\"\"raw\"\"\""),
            Text(7010, "tab\tbell\u0007null\0escape\u001b"),
            Select(7011, "Choice \"quoted\"",
                new("opt\"1\"</c>*/\\", "Label \"quoted\" \\ */ </summary>"),
                new("opt-2\u2028#if X", "]]> & <tag/>"),
                new("opt-3", "Known"),
                new("opt-4", "Create"),
                new("opt-5", "FromLabel"),
                new("opt-6", "!!!"),
                new("opt-7", "Same"),
                new("opt-8", "Same"))),
        SnapshotFile.List("hostile-keywords.json", "hostile-keywords", "class", "A list named after a C# keyword, with fields named after keywords and after members every record has.",
            Text(7101, "class"), Text(7102, "namespace"), Text(7103, "int"), Text(7104, "void"), Text(7105, "event"),
            Text(7106, "return"), Text(7107, "global"), Text(7108, "partial"), Text(7109, "value"), Text(7110, "field"),
            Text(7111, "this"), Text(7112, "null"), Text(7113, "default"), Text(7114, "record"), Text(7115, "__arglist"),
            Text(7116, "__makeref"), Text(7117, "Id"), Text(7118, "ListId"), Text(7119, "Fields"), Text(7120, "QueryFields"),
            Text(7121, "UnknownFields"), Text(7122, "WorkiomListId"), Text(7123, "WorkiomListName"), Text(7124, "ReadFrom"),
            Text(7125, "WriteTo"), Text(7126, "Query"), Text(7127, "GetType"), Text(7128, "ToString"), Text(7129, "Equals"),
            Text(7130, "Class"), Text(7131, "JsonKeys"), Text(7132, "_f7101"), Text(7133, "F7101"), Text(7134, "System"),
            Text(7135, "Workiom"), Text(7136, "global::System")),
        SnapshotFile.List("hostile-scripts.json", "hostile-scripts", "صفقات العملاء 🚀", "قائمة بالعربية & emoji 🎉",
            Text(7201, "اسم الصفقة", "وصف الحقل <عربي> & ]]>"),
            Number(7202, "المبلغ"),
            Text(7203, "🚀 Launch 🎉"),
            Text(7204, "👩🏽‍💻"),
            Text(7205, "123 starts with a digit"),
            Text(7206, "\u0301 starts with a combining mark"),
            Text(7207, "\u202Eright-to-left override\u202C"),
            Text(7208, "zero\u200Bwidth\u200Djoiner"),
            Text(7209, "客户名称"),
            Text(7210, "नाम"),
            Text(7211, "ＡＢＣ fullwidth"),
            Select(7212, "الحالة", new("opt-ar-1", "جديد"), new("opt-ar-2", "🔥"), new("opt-ar-3", "مغلق"))),
        SnapshotFile.List("hostile-punctuation.json", "../../\"list\"\\*/<id>", "!!!", "",
            Text(7301, "!!!"), Text(7302, "???"), Text(7303, "…"), Text(7304, "—"), Text(7305, "()"), Text(7306, "[]"),
            Text(7307, "<>"), Text(7308, "\"\""), Text(7309, "\\\\"), Text(7310, "*/"), Text(7311, "#"), Text(7312, "@"),
            Text(7313, "$"), Text(7314, "&&"), Text(7315, "!!!"), Text(7316, " "), Text(7317, "")),
        // Two lists whose names differ only in case: two types, two generated files that differ only in case.
        SnapshotFile.List("hostile-case-lower.json", "hostile-case-1", "Invoice", null, Text(7401, "Number"), Text(7402, "NUMBER")),
        SnapshotFile.List("hostile-case-upper.json", "hostile-case-2", "INVOICE", null, Text(7411, "Total")),
        // Data types no build knows: kept as raw JSON.
        SnapshotFile.List("hostile-data-types.json", "hostile-data-types", "Odd types", null,
            new FieldSnapshot(7501, "Negative", -1, null, []), new FieldSnapshot(7502, "Minimum", int.MinValue, null, []),
            new FieldSnapshot(7503, "Future", 99, null, []), Text(7504, "Plain")),
        // Lone UTF-16 surrogates in names and descriptions (not well-formed text, but valid JSON escapes).
        new SnapshotFile("hostile-surrogates.json", """
            {"result": {"id": "hostile-surrogates", "name": "Lone \ud800 list", "description": "half \udc00 pair",
              "fields": [{"id": 7601, "listId": "hostile-surrogates", "name": "Half \ud83d pair", "dataType": 0, "description": "lone \udfff low"}]}}
            """),
    ];
}
