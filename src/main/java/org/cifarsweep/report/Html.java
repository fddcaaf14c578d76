package org.cifarsweep.report;

/** Escaping for text and attribute values: everything shown on the page comes from files a user may have edited. */
final class Html {

    private Html() { }

    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String img(Figure figure) {
        Png png = figure.png();
        return "<figure><img src=\"" + png.dataUri() + "\" width=\"" + png.width() + "\" height=\"" + png.height()
                + "\" alt=\"" + escape(figure.caption()) + "\" data-file=\"" + escape(png.name()) + "\">"
                + "<figcaption>" + escape(figure.caption()) + "</figcaption></figure>";
    }
}
