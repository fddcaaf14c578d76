package org.cifarsweep.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A rendered picture as PNG bytes, written to disk and embedded in the page as a data URI. */
public record Png(String name, byte[] bytes, int width, int height) {

    public static Png of(String name, BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JVM");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Png(name, out.toByteArray(), image.getWidth(), image.getHeight());
    }

    public String dataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
