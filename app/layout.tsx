import type { Metadata } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";

const dejavu = localFont({
  src: [
    { path: "./fonts/DejaVuSans.ttf", weight: "400" },
    { path: "./fonts/DejaVuSans-Bold.ttf", weight: "700" },
  ],
  variable: "--font-dejavu",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Safekeep", template: "%s · Safekeep" },
  description: "Data-protection posture of an AWS account, measured against AWS's own guidance.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, including the not-found page: Next.js can only put the
  // proxy's CSP nonce (proxy.ts) on the scripts of a page it renders for that request.
  await connection();
  return (
    <html lang="en" className={dejavu.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
