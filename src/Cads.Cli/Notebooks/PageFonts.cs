namespace Cads.Cli.Notebooks;

/// <summary>
/// The pages' fonts for Japanese text (headings' subtitles, the 要約, the statements' Japanese lines, the glossary):
/// CJK fonts named before the generic family, so a browser draws the glyphs from one of them (on Debian and Ubuntu,
/// fonts-noto-cjk, which tests/run installs) instead of a fallback without CJK glyphs.
/// </summary>
public static class PageFonts
{
    public const string Japanese = "\"Noto Sans CJK JP\", \"Noto Sans JP\", \"IPAexGothic\", \"IPAGothic\", \"Hiragino Sans\", \"Yu Gothic\", Meiryo";
}
