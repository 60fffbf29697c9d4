//! Tailwind class sets used across pages, so buttons, inputs and cards look and focus the same everywhere.
//!
//! Colours are picked for at least 4.5:1 contrast on white and on `slate-50`; every interactive element has a
//! visible `focus-visible` ring.

/// The solid button for a form's main action.
pub const BUTTON_PRIMARY: &str = "inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

/// A quieter button for row actions and secondary choices.
pub const BUTTON_SECONDARY: &str = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

/// Text inputs and selects.
pub const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700";

/// A compact select inside table rows.
pub const SELECT_COMPACT: &str = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 disabled:opacity-60";

/// Form labels.
pub const LABEL: &str = "block text-sm font-medium text-slate-800";

/// Inline text links.
pub const LINK: &str = "font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 rounded-sm";

/// A white panel.
pub const CARD: &str = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";

/// The page heading.
pub const H1: &str = "text-2xl font-semibold tracking-tight text-slate-900";

/// Section headings inside a page.
pub const H2: &str = "text-lg font-semibold text-slate-900";

/// Secondary text.
pub const MUTED: &str = "text-sm text-slate-600";

/// An error next to a field or above a form.
pub const ERROR_TEXT: &str = "mt-1 text-sm text-red-700";

/// A success notice; the element is always present so screen readers announce changes.
pub const STATUS_TEXT: &str = "min-h-5 text-sm font-medium text-emerald-800";
