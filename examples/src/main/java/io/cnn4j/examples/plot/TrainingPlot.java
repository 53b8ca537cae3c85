package io.cnn4j.examples.plot;

import io.cnn4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training curve as a PNG (XChart): training loss (window means) on the left axis and, when
 * given, validation PSNR on the right axis.
 */
public final class TrainingPlot {
    private TrainingPlot() {}

    /** One point of a curve. */
    public record Point(double step, double value) {}

    public static XYChart chart(String title, List<Point> loss, List<Point> valPsnr) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("training loss (MSE)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisDecimalPattern("0.####");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        if (!loss.isEmpty()) {
            XYSeries s = chart.addSeries("training loss", xs(loss), ys(loss));
            s.setMarker(SeriesMarkers.NONE);
        }
        if (!valPsnr.isEmpty()) {
            XYSeries p = chart.addSeries("val PSNR (dB, full images)", xs(valPsnr), ys(valPsnr));
            p.setYAxisGroup(1);
            p.setMarker(SeriesMarkers.CIRCLE);
            chart.setYAxisGroupTitle(1, "val PSNR (dB)");
        }
        return chart;
    }

    /** Renders the chart to a PNG file atomically. */
    public static void write(Path file, String title, List<Point> loss, List<Point> valPsnr) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart(title, loss, valPsnr), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png);
    }

    private static double[] xs(List<Point> ps) { return ps.stream().mapToDouble(Point::step).toArray(); }

    private static double[] ys(List<Point> ps) { return ps.stream().mapToDouble(Point::value).toArray(); }
}
