package dev.shop.local;

/** A process that idles until killed, for pid-ownership tests. */
public final class SleepingMain {

    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(60_000);
    }
}
