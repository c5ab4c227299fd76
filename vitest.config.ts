import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Suites that decode long WAVs or drive Chromium are heavy; two cores here.
    maxWorkers: 2,
  },
});
