import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import { connection } from "next/server";
import { PrintOpenDetails } from "@/components/print-open-details";
import { THEME_INIT_SCRIPT } from "@/lib/theme";
import "./globals.css";

const dejavu = localFont({
  src: [
    // Subset WOFF2 (scripts/subset-fonts.sh): 125 kB for both instead of 1.47 MB of TTF. The PDF
    // report keeps embedding the full TTFs.
    { path: "./fonts/DejaVuSans-web.woff2", weight: "400" },
    { path: "./fonts/DejaVuSans-Bold-web.woff2", weight: "700" },
  ],
  variable: "--font-dejavu",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Safekeep", template: "%s · Safekeep" },
  description: "Data-protection posture of an AWS account, measured against AWS's own guidance.",
};

export const viewport: Viewport = {
  // Both palettes exist (app/globals.css): the browser may draw its own canvas and controls dark.
  colorScheme: "light dark",
  themeColor: "#0f172a",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, including the not-found page: Next.js can only put the
  // proxy's CSP nonce (proxy.ts) on the scripts of a page it renders for that request.
  await connection();
  // The proxy's nonce (proxy.ts): the CSP lets an inline script run only when it carries it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The pre-paint script may set data-theme on <html> before React hydrates it.
    <html lang="en" className={dejavu.variable} suppressHydrationWarning>
      <head>
        {/* Applies a stored light/dark choice before the first paint, so the page never flashes the
            other theme; browsers hide a nonce from the DOM, hence suppressHydrationWarning. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
        <PrintOpenDetails />
      </body>
    </html>
  );
}
