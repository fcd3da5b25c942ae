// Writes the workbook tst_xlsxreader reads back, with libxlsxwriter: an independent writer
// whose output the reader must understand. A program of its own because libxlsxwriter
// cannot share a process with QuaZip (see import/spreadsheetwriter.h).
#include <xlsxwriter.h>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.xlsx\n", argv[0]);
        return 2;
    }
    lxw_workbook *workbook = workbook_new(argv[1]);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Bestellung");
    lxw_worksheet *second = workbook_add_worksheet(workbook, "Second");
    worksheet_write_string(second, 0, 0, "not the first sheet", nullptr);
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);
    worksheet_write_string(sheet, 0, 0, "Artikelnummer", bold);
    worksheet_write_string(sheet, 0, 1, "Menge", bold);
    worksheet_write_string(sheet, 0, 3, "Bemerkung", bold);
    worksheet_write_string(sheet, 1, 0, "\xC3\x84-100", nullptr); // "Ä-100"
    worksheet_write_number(sheet, 1, 1, 5.0000000000000009, nullptr);
    char boldText[] = "fett ";
    char plainText[] = "normal";
    lxw_rich_string_tuple first = {bold, boldText};
    lxw_rich_string_tuple rest = {nullptr, plainText};
    lxw_rich_string_tuple *runs[] = {&first, &rest, nullptr};
    worksheet_write_rich_string(sheet, 1, 3, runs, nullptr);
    worksheet_write_string(sheet, 3, 0, "B-200", nullptr);
    worksheet_write_number(sheet, 3, 1, 1000, nullptr);
    worksheet_write_boolean(sheet, 3, 2, 1, nullptr);
    worksheet_write_formula_str(sheet, 4, 0, "=\"C-\"&\"300\"", nullptr, "C-300");
    worksheet_write_number(sheet, 4, 1, 0.1 + 0.2, nullptr);
    worksheet_write_string(sheet, 4, 2, "=1+2", nullptr);
    const lxw_error status = workbook_close(workbook);
    if (status != LXW_NO_ERROR) {
        std::fprintf(stderr, "%s\n", lxw_strerror(status));
        return 1;
    }
    return 0;
}
