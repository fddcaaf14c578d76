package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class ImagesTest {
    /** Two images: image 0 all bytes 7, image 1 bytes 0,1,...,255,0,1,... */
    private static Images twoImages() {
        byte[] pixels = new byte[2 * 3072];
        for (int j = 0; j < 3072; j++) {
            pixels[j] = 7;
            pixels[3072 + j] = (byte) j;
        }
        return new Images(pixels, new byte[] {3, 9});
    }

    @Test
    void constantsMatchCifar() {
        assertEquals(32, Images.SIDE);
        assertEquals(3, Images.CHANNELS);
        assertEquals(Images.SIDE * Images.SIDE * Images.CHANNELS, Images.PIXELS);
        assertEquals(10, Images.CLASSES);
    }

    @Test
    void accessors() {
        Images images = twoImages();
        assertEquals(2, images.count());
        assertEquals(3, images.label(0));
        assertEquals(9, images.label(1));
        assertArrayEquals(new int[] {3, 9}, images.labels());
        assertEquals(7, images.pixel(0, 3071));
        assertEquals(255, images.pixel(1, 255), "pixels are unsigned");
        assertEquals(1, images.pixel(1, 257));
        assertEquals(0, images.rawPixels()[3072]);
        assertArrayEquals(new byte[] {3, 9}, images.rawLabels());
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 1}, images.labelCounts());
        assertThrows(IndexOutOfBoundsException.class, () -> images.pixel(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> images.pixel(0, 3072));
        assertThrows(IndexOutOfBoundsException.class, () -> images.label(-1));
    }

    @Test
    void arraysAreKeptNotCopied() {
        byte[] pixels = new byte[3072];
        byte[] labels = {1};
        Images images = new Images(pixels, labels);
        assertSame(pixels, images.rawPixels());
        assertSame(labels, images.rawLabels());
        images.labels()[0] = 5; // labels() is a fresh int array
        assertEquals(1, images.label(0));
    }

    @Test
    void rejectsWrongPixelCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Images(new byte[3071], new byte[1]));
        assertTrue(e.getMessage().contains("3071"), e.getMessage());
        assertTrue(e.getMessage().contains("3072"), e.getMessage());
    }

    @Test
    void rejectsLabelOutsideZeroToNineNamingIndexAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Images(new byte[3 * 3072], new byte[] {0, 9, 10}));
        assertEquals("label of image 2 is 10, labels must be 0-9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Images(new byte[3072], new byte[] {(byte) 255}));
        assertEquals("label of image 0 is 255, labels must be 0-9", e.getMessage());
    }

    @Test
    void sliceAndConcatAreInverse() {
        Images images = TestData.randomImages(1, 25);
        Images a = images.slice(0, 10);
        Images b = images.slice(10, 25);
        assertEquals(10, a.count());
        assertEquals(images.pixel(12, 100), b.pixel(2, 100));
        assertEquals(images.label(12), b.label(2));
        assertEquals(images, Images.concat(List.of(a, b)));
        assertEquals(0, images.slice(5, 5).count());
        assertEquals(0, Images.concat(List.of()).count());
        assertNotSame(images.rawPixels(), images.slice(0, 25).rawPixels(), "slice copies");
        assertThrows(IndexOutOfBoundsException.class, () -> images.slice(3, 26));
        assertThrows(IndexOutOfBoundsException.class, () -> images.slice(4, 3));
    }

    @Test
    void equalsAndHashCodeByContent() {
        Images a = twoImages();
        Images b = twoImages();
        assertNotSame(a.rawPixels(), b.rawPixels());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        byte[] pixels = b.rawPixels().clone();
        pixels[5000]++;
        assertNotEquals(a, new Images(pixels, b.rawLabels()));
        assertNotEquals(a, new Images(b.rawPixels(), new byte[] {3, 8}));
        assertNotEquals(a, null);
    }

    @Test
    void serializable() throws Exception {
        Images images = TestData.randomImages(2, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(images);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(images, in.readObject());
        }
    }
}
