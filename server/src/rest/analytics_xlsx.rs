//! The XLSX form of an analytics export: a Summary sheet and a Tickets sheet with the same cells as the CSV. Text
//! goes in as text cells (never formulas), numbers as numbers.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use tidings::domain::analytics::{
    summary_rows, ticket_row, ExportCell, SummaryReport, SUMMARY_COLUMNS, TICKET_COLUMNS,
};
use tidings::store::ExportedTicketRecord;

/// The most rows a sheet holds (Excel's limit, less the header).
const MAX_SHEET_ROWS: usize = 1_048_575;

/// The workbook's bytes.
pub fn export_workbook(report: &SummaryReport, tickets: &[ExportedTicketRecord]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let summary = workbook.add_worksheet().set_name("Summary")?;
    write_header(summary, &SUMMARY_COLUMNS, &bold)?;
    for (index, row) in summary_rows(report).iter().enumerate() {
        write_row(summary, index + 1, row)?;
    }
    let sheet = workbook.add_worksheet().set_name("Tickets")?;
    write_header(sheet, &TICKET_COLUMNS, &bold)?;
    for (index, record) in tickets.iter().take(MAX_SHEET_ROWS).enumerate() {
        write_row(sheet, index + 1, &ticket_row(record.number, &record.ticket))?;
    }
    workbook.save_to_buffer()
}

fn write_header(sheet: &mut Worksheet, columns: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (column, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column_number(column), *name, bold)?;
    }
    Ok(())
}

fn write_row(sheet: &mut Worksheet, row: usize, cells: &[ExportCell]) -> Result<(), XlsxError> {
    let row = u32::try_from(row).unwrap_or(u32::MAX);
    for (column, cell) in cells.iter().enumerate() {
        let column = column_number(column);
        match cell {
            ExportCell::Empty => {}
            ExportCell::Text(text) => {
                sheet.write_string(row, column, text)?;
            }
            // Whole numbers of seconds and counts stay exact far beyond any real value as f64.
            ExportCell::Integer(value) => {
                sheet.write_number(row, column, *value as f64)?;
            }
            ExportCell::Decimal(value) => {
                sheet.write_number(row, column, *value)?;
            }
        }
    }
    Ok(())
}

fn column_number(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}
