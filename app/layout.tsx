import type { Metadata } from "next";
import localFont from "next/font/local";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={dejavu.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
