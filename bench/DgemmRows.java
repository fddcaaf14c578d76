import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
/**
 * Does OpenBLAS give row r of a dgemm the same bits whatever the number of rows M? The evidence behind
 * org.cifarsweep.model.LinearPack's float64 stacking (docs/architecture.md, "Trial packs"): for each column count n
 * given, each of 16 members' 10 rows alone (the single trial's call) against the same rows inside M = 10·P stacked
 * rows, P = 1..16, for both products of a trial (scores W·X + b, M×n, and 2λW + G·Xᵀ/n, M×3072); it prints how many
 * values differ. The thread count is OpenBLAS's own (OPENBLAS_NUM_THREADS, read when the library loads):
 *
 *   N=target/native/org/bytedeco/openblas/linux-x86_64
 *   OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=$N java -Ddev.ludovic.netlib.blas.nativeLibPath=$PWD/$N/libopenblas.so.0 \
 *       -cp "$(cat target/classpath.txt)" bench/DgemmRows.java 1,2,17,31,37,100,2000
 *
 * src/test's DgemmRowsTest asserts the shapes the pack stacks; this program also shows the ones it does not.
 */
public class DgemmRows {
  public static void main(String[] a) {
    BLAS blas = BLAS.getInstance();
    System.out.println("BLAS " + blas.getClass().getName());
    int d = 3072; int K = 10;
    int[] ns = a.length>0 ? java.util.Arrays.stream(a[0].split(",")).mapToInt(Integer::parseInt).toArray() : new int[]{100, 2000, 37, 1};
    Random rng = new Random(1);
    int maxP = 16;
    double[] w = new double[K*maxP*d]; for (int i=0;i<w.length;i++) w[i]=0.01*rng.nextGaussian();
    for (int n : ns) {
      double[] x = new double[d*n]; for (int i=0;i<x.length;i++) x[i]=rng.nextGaussian();
      double[] g = new double[K*maxP*n]; for (int i=0;i<g.length;i++) g[i]=rng.nextGaussian();
      double[] bias = new double[K*maxP]; for (int i=0;i<bias.length;i++) bias[i]=0.01*rng.nextGaussian();
      // reference: each member alone, M=10
      double[][] refS = new double[maxP][], refG = new double[maxP][];
      for (int m=0;m<maxP;m++) {
        double[] wm = new double[K*d]; double[] gm = new double[K*n];
        for (int j=0;j<d;j++) for (int k=0;k<K;k++) wm[k+K*j]=w[(m*K+k)+K*maxP*j];
        for (int c=0;c<n;c++) for (int k=0;k<K;k++) gm[k+K*c]=g[(m*K+k)+K*maxP*c];
        double[] s = new double[K*n]; for (int c=0;c<n;c++) for(int k=0;k<K;k++) s[k+K*c]=bias[m*K+k];
        blas.dgemm("N","N",K,n,d,1.0,wm,0,K,x,0,d,1.0,s,0,K); refS[m]=s;
        double[] dw = new double[K*d]; for (int i=0;i<dw.length;i++) dw[i]=2*0.003*wm[i];
        blas.dgemm("N","T",K,d,n,1.0/n,gm,0,K,x,0,d,1.0,dw,0,K); refG[m]=dw;
      }
      for (int P=1;P<=maxP;P++) {
        int M=K*P; long diffS=0, diffG=0;
        double[] wp = new double[M*d]; double[] gp = new double[M*n];
        for (int j=0;j<d;j++) for (int r=0;r<M;r++) wp[r+M*j]=w[r+K*maxP*j];
        for (int c=0;c<n;c++) for (int r=0;r<M;r++) gp[r+M*c]=g[r+K*maxP*c];
        double[] s = new double[M*n]; for (int c=0;c<n;c++) for(int r=0;r<M;r++) s[r+M*c]=bias[r];
        blas.dgemm("N","N",M,n,d,1.0,wp,0,M,x,0,d,1.0,s,0,M);
        double[] dw = new double[M*d];
        for (int j=0;j<d;j++) for (int r=0;r<M;r++) dw[r+M*j]=2*0.003*wp[r+M*j];
        blas.dgemm("N","T",M,d,n,1.0/n,gp,0,M,x,0,d,1.0,dw,0,M);
        for (int r=0;r<M;r++){ int m=r/K,k=r%K;
          for (int c=0;c<n;c++) if (Double.doubleToRawLongBits(s[r+M*c])!=Double.doubleToRawLongBits(refS[m][k+K*c])) diffS++;
          for (int j=0;j<d;j++) if (Double.doubleToRawLongBits(dw[r+M*j])!=Double.doubleToRawLongBits(refG[m][k+K*j])) diffG++;
        }
        System.out.printf("n=%d P=%2d M=%3d  scores W·X: %d of %d differ   gradient G·Xt: %d of %d differ%n", n, P, M, diffS, (long)M*n, diffG, (long)M*d);
      }
    }
  }
}
