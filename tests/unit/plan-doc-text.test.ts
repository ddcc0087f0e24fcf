import { describe, expect, it } from 'vitest';
import { PlanDoc } from '../../src/shared/contract';
import {
  appendicesOf,
  appendicesText,
  dutiesOf,
  dutiesText,
  linesOf,
} from '../../src/renderer/src/pages/plans/planDocText';
import { TEMPLATES } from '../../src/main/core/plans/templates';

describe('the plan editor’s text of duties and appendices', () => {
  it('gives back the template plans’ parts unchanged', () => {
    for (const t of TEMPLATES) {
      const doc = PlanDoc.parse(t.doc);
      expect(dutiesOf(dutiesText(doc.duties))).toEqual(doc.duties.filter((d) => d.unit || d.items.length));
      expect(appendicesOf(appendicesText(doc.appendices))).toEqual(doc.appendices);
    }
  });

  it('reads units and appendices typed by hand, empty lines dropped', () => {
    expect(linesOf(' Căn cứ A\n\n Căn cứ B ')).toEqual(['Căn cứ A', 'Căn cứ B']);
    expect(dutiesOf('Văn phòng Sở\n- Tổng hợp\n\n\nCác xã\nBáo cáo hằng tuần')).toEqual([
      { unit: 'Văn phòng Sở', items: ['- Tổng hợp'] },
      { unit: 'Các xã', items: ['Báo cáo hằng tuần'] },
    ]);
    expect(appendicesOf('PHỤ LỤC I\n> Danh sách\nđầu mục\n# Xã A\nAnh B')).toEqual([
      {
        title: 'PHỤ LỤC I',
        subtitle: 'Danh sách',
        sections: [
          { heading: '', items: ['đầu mục'] },
          { heading: 'Xã A', items: ['Anh B'] },
        ],
      },
    ]);
  });
});
