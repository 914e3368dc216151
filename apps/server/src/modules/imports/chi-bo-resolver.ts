import { cleanText, fold, nameKey } from '@sotay/core';
import type { OrgRow } from '../orgs/repo.ts';

const CHI_BO_KINDS = new Set(['chi_bo', 'chi_bo_co_so']);

export type ChiBoTarget = { kind: 'existing'; org: OrgRow } | { kind: 'new'; key: string; name: string };

/**
 * Matches the "Chi bộ" cell of an import against the units under the import's unit (DESIGN §4): case
 * and extra spaces are ignored, diacritics are not ("bản Sín Chải" ≠ "bản Sin Chải"). A name that
 * matches only once diacritics are removed is an error that names the existing unit.
 */
export class ChiBoResolver {
  private readonly byKey = new Map<string, OrgRow[]>();
  private readonly byFolded = new Map<string, OrgRow[]>();
  private readonly created = new Map<string, string>();

  constructor(
    private readonly root: OrgRow,
    units: OrgRow[],
    private readonly mayCreate: boolean,
  ) {
    for (const u of units) {
      const k = nameKey(u.name);
      this.byKey.set(k, [...(this.byKey.get(k) ?? []), u]);
      const f = fold(u.name);
      this.byFolded.set(f, [...(this.byFolded.get(f) ?? []), u]);
    }
  }

  /** Answers per cell text as written: a list of 100 000 rows names only a few dozen chi bộ. */
  private readonly answers = new Map<string | null, ChiBoTarget | { error: string }>();

  resolve(cell: string | null): ChiBoTarget | { error: string } {
    let answer = this.answers.get(cell);
    if (!answer) {
      answer = this.match(cell);
      this.answers.set(cell, answer);
    }
    return answer;
  }

  private match(cell: string | null): ChiBoTarget | { error: string } {
    if (!cell) {
      return CHI_BO_KINDS.has(this.root.kind)
        ? { kind: 'existing', org: this.root }
        : {
            error: 'Thiếu tên chi bộ (đơn vị nhập là cấp trên chi bộ, cần ghi rõ chi bộ của từng đảng viên)',
          };
    }
    const key = nameKey(cell);
    const exact = this.byKey.get(key) ?? [];
    if (exact.length === 1) return { kind: 'existing', org: exact[0]! };
    if (exact.length > 1)
      return {
        error: `Có ${exact.length} đơn vị cùng tên "${cleanText(cell)}"; hãy nhập riêng vào từng đơn vị`,
      };
    const similar = this.byFolded.get(fold(cell)) ?? [];
    if (similar.length) {
      return {
        error: `Không có chi bộ "${cleanText(cell)}". Có phải "${similar[0]!.name}"? (tên khác nhau ở dấu — sửa lại cho đúng)`,
      };
    }
    if (!this.mayCreate) {
      return {
        error: `Không có chi bộ "${cleanText(cell)}" trong ${this.root.name}; bạn không có quyền tạo chi bộ mới`,
      };
    }
    if (!this.created.has(key)) this.created.set(key, cleanText(cell));
    return { kind: 'new', key, name: this.created.get(key)! };
  }

  /** Units to create, in the order they were first named. */
  newUnits(): { key: string; name: string }[] {
    return [...this.created].map(([key, name]) => ({ key, name }));
  }
}
